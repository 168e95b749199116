namespace Marquee.Edge.Caching;

/// <summary>
/// One object in a tier: in memory (<see cref="Body"/>) or on disk (<see cref="FilePath"/>, body after the
/// header). Immutable but for the hit count that decides promotion to memory; a new version is a new instance.
/// </summary>
internal sealed class CachedObject
{
    private int hits;
    private int promoting;
    private byte[]? responseFields;
    private bool fieldsBuilt;

    private CachedObject(string key, ObjectMeta meta, byte[]? body, string? filePath)
    {
        Key = key;
        Meta = meta;
        Body = body;
        FilePath = filePath;
    }

    public string Key { get; }

    public ObjectMeta Meta { get; }

    public byte[]? Body { get; }

    public string? FilePath { get; }

    public long Length => Meta.Length;

    /// <param name="filePath">The disk copy's file when there is one: the fast path sends large bodies from it (page cache, sendfile).</param>
    public static CachedObject InMemory(string key, ObjectMeta meta, byte[] body, string? filePath = null) => new(key, meta, body, filePath);

    public static CachedObject OnDisk(string key, ObjectMeta meta, string filePath) => new(key, meta, null, filePath);

    /// <summary>
    /// The fast path's header lines for this object (<see cref="FastPath.ResponseFields"/>), built on first use;
    /// null when the object's headers are not plain enough for it. Racing builders make equal arrays.
    /// </summary>
    public byte[]? ResponseFields
    {
        get
        {
            if (!Volatile.Read(ref fieldsBuilt))
            {
                responseFields = FastPath.ResponseFields.Build(Meta);
                Volatile.Write(ref fieldsBuilt, true);
            }

            return responseFields;
        }
    }

    public int CountHit() => Interlocked.Increment(ref hits);

    /// <summary>True for exactly one caller, so concurrent hits read the file into memory once.</summary>
    public bool TryStartPromotion() => Interlocked.Exchange(ref promoting, 1) == 0;
}
