namespace Marquee.Origin.Accounts;

/// <summary>The roles an account can hold.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Admin = "admin";
}
