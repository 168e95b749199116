using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Marquee.Media.Storage;

/// <summary>
/// A seekable read-only view of one S3 object of known length. Nothing is fetched until a read; each read after
/// a seek opens one ranged GET from the position to the end and later reads continue along that response, so a
/// range request costs one GET of just the bytes it needs. Every GET is pinned to the ETag seen at open time, so
/// an object replaced mid-read fails loudly instead of splicing two versions together.
/// </summary>
internal sealed class S3RangeReadStream : Stream
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly long _length;
    private readonly string _etag;

    private long _position;
    private GetObjectResponse? _response;
    private Stream? _body;
    private bool _disposed;

    public S3RangeReadStream(IAmazonS3 client, string bucket, string key, long length, string etag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _client = client;
        _bucket = bucket;
        _key = key;
        _length = length;
        _etag = etag;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => false;

    public override long Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _length;
        }
    }

    public override long Position
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _position;
        }

        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>How many GETs this stream has issued; tests check that seeking does not refetch needlessly.</summary>
    internal int Requests { get; private set; }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };

        if (target < 0)
        {
            throw new IOException("Cannot seek before the beginning of the object.");
        }

        // Seeking to where we already are (ASP.NET seeks to 0 before a full response) keeps the open response.
        if (target != _position)
        {
            CloseBody();
            _position = target;
        }

        return _position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || _position >= _length)
        {
            return 0;
        }

        var wanted = buffer[..(int)Math.Min(buffer.Length, _length - _position)];

        // A connection that drops mid-body is reopened once from the current position; the SDK's own retries
        // only cover getting the response, not reading it.
        for (var attempt = 1; ; attempt++)
        {
            if (_body is null)
            {
                await OpenAsync(cancellationToken);
            }

            try
            {
                var read = await _body!.ReadAsync(wanted, cancellationToken);
                if (read == 0)
                {
                    throw new IOException($"S3 object '{_key}' ended at {_position} of {_length} bytes.");
                }

                _position += read;
                return read;
            }
            catch (Exception e) when (attempt == 1 && e is (IOException or HttpRequestException) && !cancellationToken.IsCancellationRequested)
            {
                CloseBody();
            }
            catch
            {
                // Cancelled or failed twice: the response is in an unknown state, so the next read starts afresh.
                CloseBody();
                throw;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The SDK has no synchronous GetObject on .NET; blocking here is the price of a synchronous caller, and
    // ASP.NET Core (which forbids synchronous I/O by default) never pays it.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            CloseBody();
        }

        base.Dispose(disposing);
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest
        {
            BucketName = _bucket,
            Key = _key,
            ByteRange = new ByteRange(_position, _length - 1),
            EtagToMatch = _etag,
        };

        GetObjectResponse response;
        try
        {
            Requests++;
            response = await _client.GetObjectAsync(request, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new IOException($"S3 object '{_key}' was replaced or deleted while being read.", e);
        }

        // Not every S3-compatible server honours If-Match, so the ETag is checked here as well.
        if (!string.Equals(response.ETag?.Trim('"'), _etag.Trim('"'), StringComparison.Ordinal))
        {
            response.Dispose();
            throw new IOException($"S3 object '{_key}' was replaced while being read.");
        }

        _response = response;
        _body = response.ResponseStream;
    }

    private void CloseBody()
    {
        _body = null;
        _response?.Dispose();
        _response = null;
    }
}
