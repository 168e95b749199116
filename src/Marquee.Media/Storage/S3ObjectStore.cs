using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Marquee.Media.Storage;

/// <summary>
/// An object store in an S3 bucket (AWS or any S3-compatible service). Keys are stored under
/// <see cref="S3StorageOptions.KeyPrefix"/>; single PUTs keep each write all-or-nothing, which limits an
/// object to the 5 GB S3 allows in one request, far above any packaged segment or rendition.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    // DeleteObjects takes at most 1000 keys, and ListObjectsV2 returns at most 1000 per page.
    private const int MaxPageSize = 1000;

    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly string _bucket;
    private readonly string _keyPrefix;

    public S3ObjectStore(S3StorageOptions options)
        : this(CreateClient(options), ownsClient: true, options.Bucket, options.KeyPrefix)
    {
    }

    internal S3ObjectStore(IAmazonS3 client, bool ownsClient, string bucket, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        _client = client;
        _ownsClient = ownsClient;
        _bucket = bucket;
        _keyPrefix = NormalizeKeyPrefix(keyPrefix);
    }

    /// <summary>Keys per list page and per delete batch; smaller only so tests can cross page boundaries.</summary>
    internal int PageSize { get; init; } = MaxPageSize;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var objectKey = FullKey(ObjectKey.Require(key));
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);

        // S3 needs the length before the body; a stream that cannot tell it is spooled to a local file first
        // rather than sent with chunked encoding, which S3-compatible servers support unevenly.
        FileStream? spool = null;
        try
        {
            if (!content.CanSeek)
            {
                spool = await SpoolAsync(content, cancellationToken);
                content = spool;
            }

            var request = new PutObjectRequest
            {
                BucketName = _bucket,
                Key = objectKey,
                InputStream = content,
                ContentType = contentType,
                AutoCloseStream = false,

                // The SDK would otherwise sign the body in aws-chunked frames (the stream is then read once
                // instead of twice), and servers that do not decode that framing, s3rver among them, store the
                // frames as the object's bytes. A plain signed body works everywhere.
                UseChunkEncoding = false,
            };
            await _client.PutObjectAsync(request, cancellationToken);
        }
        finally
        {
            if (spool is not null)
            {
                await spool.DisposeAsync();
            }
        }
    }

    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = FullKey(ObjectKey.Require(key));
        try
        {
            var response = await _client.GetObjectMetadataAsync(_bucket, objectKey, cancellationToken);
            return new ObjectInfo(
                key,
                response.Headers.ContentLength,
                ToUtc(response.LastModified),
                QuoteETag(response.ETag),
                string.IsNullOrEmpty(response.Headers.ContentType) ? ContentTypes.ForKey(key) : response.Headers.ContentType);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        // A HEAD first, and no body until the first read: a range request seeks before reading, and a GET of
        // the whole object abandoned after a few bytes would cost its connection.
        var info = await HeadAsync(key, cancellationToken);
        return info is null
            ? null
            : new StoredObject(info, new S3RangeReadStream(_client, _bucket, FullKey(key), info.Length, info.ETag));
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectKey.RequirePrefix(prefix);
        await foreach (var page in ListPagesAsync(_keyPrefix + prefix, cancellationToken))
        {
            foreach (var objectKey in page)
            {
                // Objects put into the bucket by other tools may not be valid keys; handing them out would only
                // make the next call on them throw.
                var key = objectKey[_keyPrefix.Length..];
                if (ObjectKey.IsValid(key))
                {
                    yield return key;
                }
            }
        }
    }

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ObjectKey.RequirePrefix(prefix);

        // Every object under the prefix goes, valid key or not. A listing page is at most a delete batch, and
        // deleting keys already listed does not disturb the continuation of the listing.
        await foreach (var page in ListPagesAsync(_keyPrefix + prefix, cancellationToken))
        {
            if (page.Count == 0)
            {
                continue;
            }

            var request = new DeleteObjectsRequest
            {
                BucketName = _bucket,
                Objects = page.Select(k => new KeyVersion { Key = k }).ToList(),
                Quiet = true,
            };
            var response = await _client.DeleteObjectsAsync(request, cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                var first = errors[0];
                throw new IOException(
                    $"S3 refused to delete {errors.Count} object(s) under '{prefix}' in bucket '{_bucket}', first '{first.Key}': {first.Code} {first.Message}");
            }
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    internal static AmazonS3Config CreateConfig(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,

            // SDK v4 adds a CRC32 checksum to every upload and validates checksums on every download.
            // S3-compatible servers support these unevenly (some reject the headers, some never send the
            // checksum to validate), so they are used only where an operation requires one. On their own they
            // do not matter to s3rver; the chunked-encoding switch in PutAsync is what it needs.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };

        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return config;
    }

    private static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = CreateConfig(options);

        // Without explicit keys the SDK's default chain applies: environment, profile, instance role.
        return string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    private async IAsyncEnumerable<List<string>> ListPagesAsync(string fullPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request
        {
            BucketName = _bucket,
            Prefix = fullPrefix,
            MaxKeys = PageSize,
        };

        while (true)
        {
            var response = await _client.ListObjectsV2Async(request, cancellationToken);

            // SDK v4 leaves collections null rather than empty when the response has none.
            yield return response.S3Objects?.Select(o => o.Key).ToList() ?? [];

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    private static async Task<FileStream> SpoolAsync(Stream content, CancellationToken cancellationToken)
    {
        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), $"marquee-s3-{Guid.NewGuid():N}"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            81_920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await content.CopyToAsync(spool, cancellationToken);
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    // A missing bucket is a configuration error, not a missing object (though a HEAD cannot tell them apart).
    private static bool IsNotFound(AmazonS3Exception e) =>
        e.ErrorCode != "NoSuchBucket" && (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NotFound");

    // Depending on the SDK version the time comes back local or unspecified; either way it is made UTC here.
    private static DateTimeOffset ToUtc(DateTime? time) => time switch
    {
        null => DateTimeOffset.UnixEpoch,
        { Kind: DateTimeKind.Unspecified } t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        { } t => new DateTimeOffset(t.ToUniversalTime()),
    };

    // S3 quotes ETags; some compatible servers do not. HTTP wants them quoted.
    private static string QuoteETag(string? etag) =>
        string.IsNullOrEmpty(etag) ? "\"\"" : etag.StartsWith('"') ? etag : $"\"{etag}\"";

    private static string NormalizeKeyPrefix(string? keyPrefix) =>
        string.IsNullOrEmpty(keyPrefix) || keyPrefix.EndsWith('/') ? keyPrefix ?? "" : keyPrefix + "/";

    private string FullKey(string key) => _keyPrefix + key;
}
