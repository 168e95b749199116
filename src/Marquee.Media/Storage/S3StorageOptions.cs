namespace Marquee.Media.Storage;

/// <summary>An S3-compatible service: AWS, MinIO, Ceph, or anything speaking the protocol.</summary>
public sealed class S3StorageOptions
{
    /// <summary>For example <c>http://127.0.0.1:9000</c>; empty means AWS itself for <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style addressing (<c>http://host/bucket/key</c>), which MinIO and most self-hosted services need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Prefix prepended to every key, so one bucket can hold several installations.</summary>
    public string KeyPrefix { get; set; } = "";
}
