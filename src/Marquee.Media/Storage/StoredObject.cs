namespace Marquee.Media.Storage;

/// <summary>An open object: its metadata and a seekable stream the caller disposes.</summary>
public sealed class StoredObject(ObjectInfo info, Stream content) : IAsyncDisposable, IDisposable
{
    public ObjectInfo Info { get; } = info;

    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}
