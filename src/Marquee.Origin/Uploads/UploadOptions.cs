namespace Marquee.Origin.Uploads;

/// <summary>Settings of the tus upload endpoint, bound from the "Uploads" configuration section.</summary>
internal sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Where partial uploads live (<c>{id}.bin</c> and <c>{id}.json</c>). The host sets it under its data folder.</summary>
    public string Folder { get; set; } = "";

    /// <summary>The largest Upload-Length accepted; larger uploads are refused with 413 before any byte is sent.</summary>
    public long MaxSizeBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>How long an upload lives after its last byte arrived (sliding: every PATCH pushes it back).</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Value of the X-Marquee-Admin-Key header every upload request must carry, until accounts exist.</summary>
    public string AdminKey { get; set; } = "";
}
