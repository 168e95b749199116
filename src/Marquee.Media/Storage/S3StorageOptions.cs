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

    /// <summary>
    /// Optional buckets of the same service, one per edge region (<c>Storage:S3:RegionBuckets:eu = marquee-eu</c>):
    /// the origin fills that region's edges from its bucket, and from <see cref="Bucket"/> for whatever the regional
    /// bucket does not hold (yet). Filling them is the storage service's replication (S3 Replication, MinIO or Ceph
    /// multisite), not Marquee's.
    /// </summary>
    public Dictionary<string, string> RegionBuckets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>These settings with <paramref name="bucket"/> in place of <see cref="Bucket"/>.</summary>
    public S3StorageOptions ForBucket(string bucket) => new()
    {
        ServiceUrl = ServiceUrl, Bucket = bucket, Region = Region, AccessKey = AccessKey, SecretKey = SecretKey,
        ForcePathStyle = ForcePathStyle, KeyPrefix = KeyPrefix,
    };
}
