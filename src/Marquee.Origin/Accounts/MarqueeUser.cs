using Microsoft.AspNetCore.Identity;

namespace Marquee.Origin.Accounts;

/// <summary>An account: ASP.NET Core Identity's user, plus what Marquee needs to know about it.</summary>
public sealed class MarqueeUser : IdentityUser
{
    /// <summary>A disabled account cannot sign in or refresh; its sessions end at once.</summary>
    public bool Disabled { get; set; }

    public long CreatedAtMs { get; init; }

    /// <summary>The plan's id; new accounts start on <c>free</c>.</summary>
    public string PlanId { get; set; } = "free";

    /// <summary>The account whose invite link this one signed up through, if any (counted for the inviter and the admin).</summary>
    public string? InvitedBy { get; set; }
}
