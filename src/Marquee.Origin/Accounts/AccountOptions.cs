using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Accounts;

/// <summary>Configuration section <c>Accounts</c>: token lifetimes, lockout, sign-in rate limits.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token family lives from sign-in, however often it is rotated.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in, registration and password-reset requests one client address may make per minute.</summary>
    [Range(1, 10000)]
    public int AuthRequestsPerMinute { get; set; } = 20;

    /// <summary>How long a stream lease lives without a renewal: a player that vanishes frees its slot after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan StreamLeaseTime { get; set; } = TimeSpan.FromSeconds(60);

    [Range(1, 20)]
    public int MaxProfiles { get; set; } = 5;

    /// <summary>Sign-in attempts and reset mails one account may receive per hour, whatever the client address.</summary>
    [Range(1, 100000)]
    public int AccountRequestsPerHour { get; set; } = 30;

    /// <summary>The address confirmation and reset links point at.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:8080";
}
