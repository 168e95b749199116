namespace Marquee.Media.Storage;

/// <summary>Configuration section <c>Storage</c>: which object store and how to reach it.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>filesystem</c> (default) or <c>s3</c>.</summary>
    public string Kind { get; set; } = "filesystem";

    /// <summary>Root folder of the filesystem store; defaults to <c>{data}/objects</c>.</summary>
    public string? Root { get; set; }

    public S3StorageOptions S3 { get; set; } = new();
}
