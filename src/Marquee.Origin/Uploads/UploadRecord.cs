namespace Marquee.Origin.Uploads;

/// <summary>What is stored in <c>{id}.json</c> beside the bytes. The offset is not here: it is the length of <c>{id}.bin</c>.</summary>
internal sealed record UploadRecord
{
    public required string Id { get; init; }

    public required long Length { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Expires { get; init; }

    /// <summary>Set once the completion handler accepted the upload; the bytes are then gone from the upload folder.</summary>
    public DateTimeOffset? Completed { get; init; }

    /// <summary>The accepted title's location, repeated to a client that asks with HEAD after losing the final answer.</summary>
    public string? TitleLocation { get; init; }

    public bool IsCompleted => Completed is not null;
}
