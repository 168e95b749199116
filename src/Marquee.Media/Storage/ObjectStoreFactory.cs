namespace Marquee.Media.Storage;

/// <summary>Builds the object store that <see cref="StorageOptions.Kind"/> names, and says what is wrong with a configuration.</summary>
public static class ObjectStoreFactory
{
    public const string FileSystemKind = "filesystem";

    public const string S3Kind = "s3";

    /// <param name="defaultRoot">Folder of the filesystem store when <see cref="StorageOptions.Root"/> is not set.</param>
    public static IObjectStore Create(StorageOptions options, string defaultRoot)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (IsKind(options, FileSystemKind))
        {
            var root = string.IsNullOrWhiteSpace(options.Root) ? defaultRoot : options.Root;
            ArgumentException.ThrowIfNullOrWhiteSpace(root, nameof(defaultRoot));
            return new FileSystemObjectStore(root);
        }

        if (IsKind(options, S3Kind))
        {
            var problems = Validate(options).ToList();
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("The S3 object store is misconfigured: " + string.Join(" ", problems));
            }

            return new S3ObjectStore(options.S3);
        }

        throw new ArgumentException(UnknownKind(options.Kind), nameof(options));
    }

    /// <summary>A store for each of <see cref="S3StorageOptions.RegionBuckets"/>, by region; empty for the filesystem or without regional buckets.</summary>
    public static IReadOnlyDictionary<string, IObjectStore> CreateRegional(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsKind(options, S3Kind) || options.S3 is not { RegionBuckets.Count: > 0 } s3)
        {
            return new Dictionary<string, IObjectStore>();
        }

        return s3.RegionBuckets.ToDictionary(r => r.Key, r => (IObjectStore)new S3ObjectStore(s3.ForBucket(r.Value)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every problem with <paramref name="options"/>, phrased for whoever edits the configuration; empty when it is usable.</summary>
    internal static IEnumerable<string> Validate(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (IsKind(options, FileSystemKind))
        {
            if (options.Root is { } root && root.Contains('\0', StringComparison.Ordinal))
            {
                yield return $"{StorageOptions.Section}:Root '{root}' is not a usable folder path.";
            }

            yield break;
        }

        if (!IsKind(options, S3Kind))
        {
            yield return UnknownKind(options.Kind);
            yield break;
        }

        const string S3 = StorageOptions.Section + ":S3";
        var s3 = options.S3;
        if (s3 is null)
        {
            yield return $"{S3} is required when {StorageOptions.Section}:Kind is '{S3Kind}'.";
            yield break;
        }

        foreach (var (region, bucket) in s3.RegionBuckets)
        {
            if (string.IsNullOrWhiteSpace(region) || region.Length > 32 || !region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                yield return $"{S3}:RegionBuckets has region '{region}'; a region is 1 to 32 letters, digits and '-', as edges name theirs.";
            }
            else if (string.IsNullOrWhiteSpace(bucket) || !IsBucketName(bucket))
            {
                yield return $"{S3}:RegionBuckets:{region} '{bucket}' is not a valid bucket name (3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit).";
            }
        }

        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            yield return $"{S3}:Bucket is required when {StorageOptions.Section}:Kind is '{S3Kind}'.";
        }
        else if (!IsBucketName(s3.Bucket))
        {
            yield return $"{S3}:Bucket '{s3.Bucket}' is not a valid bucket name (3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit).";
        }

        if (string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            if (string.IsNullOrWhiteSpace(s3.Region))
            {
                yield return $"{S3}:Region is required when {S3}:ServiceUrl is not set (AWS itself).";
            }
        }
        else if (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{S3}:ServiceUrl '{s3.ServiceUrl}' is not an absolute http or https URL.";
        }

        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
        {
            yield return $"{S3}:AccessKey and {S3}:SecretKey go together: set both, or neither to use the AWS default credentials.";
        }

        if (!string.IsNullOrEmpty(s3.KeyPrefix) && !ObjectKey.IsValidPrefix(s3.KeyPrefix))
        {
            yield return $"{S3}:KeyPrefix '{s3.KeyPrefix}' is not a valid key prefix (segments of letters, digits, '.', '_' and '-', separated by '/').";
        }
    }

    private static bool IsKind(StorageOptions options, string kind) =>
        string.Equals(options.Kind?.Trim(), kind, StringComparison.OrdinalIgnoreCase);

    private static string UnknownKind(string? kind) =>
        $"{StorageOptions.Section}:Kind is '{kind}'; expected '{FileSystemKind}' or '{S3Kind}'.";

    private static bool IsBucketName(string bucket) =>
        bucket.Length is >= 3 and <= 63
        && IsLowerOrDigit(bucket[0])
        && IsLowerOrDigit(bucket[^1])
        && bucket.All(c => IsLowerOrDigit(c) || c is '.' or '-');

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
