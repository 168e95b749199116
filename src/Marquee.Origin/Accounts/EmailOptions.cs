namespace Marquee.Origin.Accounts;

/// <summary>Configuration section <c>Email</c>. Without <see cref="SmtpHost"/> messages go to <c>{data}/mail</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Marquee <no-reply@marquee.local>";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public string? PickupFolder { get; set; }
}
