namespace Marquee.Origin.Sharing;

/// <summary>Configuration section <c>Sharing</c>.</summary>
public sealed class SharingOptions
{
    public const string Section = "Sharing";

    /// <summary>The name cards, oEmbed and the embed give the service (<c>og:site_name</c>, <c>provider_name</c>).</summary>
    public string SiteName { get; set; } = "Marquee";

    /// <summary>What a link to the service itself (the home page, sign-up, an invite) says about it.</summary>
    public string Description { get; set; } = "Films and series to watch together.";

    /// <summary>oEmbed answers per client address per minute: each can cost a database read.</summary>
    public int OEmbedPerMinute { get; set; } = 120;
}
