using Microsoft.AspNetCore.Identity;

namespace Marquee.Origin.Accounts;

/// <summary>A hash of a random password, made once with the current cost, to verify against when there is no account.</summary>
internal static class DummyHash
{
    private static string? hash;

    public static string Value(UserManager<MarqueeUser> users) =>
        hash ??= users.PasswordHasher.HashPassword(new MarqueeUser(), Guid.NewGuid().ToString("N"));
}
