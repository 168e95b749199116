using Marquee.Origin.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Marquee.Origin.Catalog.Admin;

/// <summary>
/// Live catalog changes for administrators (<c>/hubs/admin/catalog</c>): every title saved through any origin is
/// announced as <c>titleChanged(id)</c> to every administrator connected to any origin, so two people editing the
/// catalog see each other's work. Across origins it travels over the SignalR Redis backplane when Redis is
/// configured; the real-time features that follow use the same backplane.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CatalogFeedHub : Hub
{
    public const string Path = "/hubs/admin/catalog";

    public const string TitleChanged = "titleChanged";
}
