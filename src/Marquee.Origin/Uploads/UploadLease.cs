namespace Marquee.Origin.Uploads;

/// <summary>The exclusive right to read or change one upload; disposing it lets the next request in.</summary>
internal sealed class UploadLease : IDisposable
{
    private Action? _release;

    public UploadLease(Action release) => _release = release;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
