namespace Marquee.Origin.Web;

/// <summary>Configuration section <c>Web</c>: where the built web app (web/dist) is.</summary>
public sealed class WebAppOptions
{
    public const string Section = "Web";

    /// <summary>The folder with index.html and assets/; defaults to the <c>web</c> folder next to the host.</summary>
    public string? Root { get; set; }

    public string ResolvedRoot => Path.GetFullPath(string.IsNullOrWhiteSpace(Root) ? Path.Combine(AppContext.BaseDirectory, "web") : Root);
}
