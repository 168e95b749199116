using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marquee.Cli.Migrate;

/// <summary>Turns what PostgreSQL, S3 or SQLite threw into one line that says what is wrong and what to check.</summary>
internal static class ErrorLine
{
    /// <summary>The line for <paramref name="e"/>, or null when it is not one of the expected failures (a bug: let it surface).</summary>
    public static string? For(Exception e, MigrationRequest request) => e switch
    {
        MigrationFailure failure => failure.Message,
        PostgresException { SqlState: "28P01" or "28000" } => $"PostgreSQL refused the user or password in --to ({request.TargetDescription()}).",
        PostgresException { SqlState: "3D000" } => $"the {request.TargetDescription()} does not exist; create it first (createdb), empty, then run again.",
        PostgresException p => $"PostgreSQL ({request.TargetDescription()}): {p.MessageText}",
        NpgsqlException n when n.InnerException is SocketException or TimeoutException or IOException =>
            $"cannot reach the {request.TargetDescription()}: {n.InnerException!.Message}",
        NpgsqlException n => $"PostgreSQL ({request.TargetDescription()}): {n.Message}",
        AmazonS3Exception s when s.ErrorCode is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" or "InvalidSecurity" =>
            $"S3 refused the credentials for bucket '{request.S3?.Bucket}' ({s.ErrorCode}); check --s3-access-key and --s3-secret-key.",
        AmazonS3Exception { ErrorCode: "NoSuchBucket" } => $"the S3 bucket '{request.S3?.Bucket}' does not exist at {S3Where(request)}; create it first, then run again.",
        AmazonS3Exception s => $"S3 at {S3Where(request)}, bucket '{request.S3?.Bucket}': {s.ErrorCode} {s.Message}",
        AmazonServiceException or HttpRequestException when Unwrap(e) is { } inner => $"cannot reach S3 at {S3Where(request)}: {inner.Message}",
        SqliteException s => $"cannot read the SQLite database {request.Data.Database}: {s.Message}",

        // EF Core wraps what the provider threw (a failed connection attempt, for one) in its own exception.
        { InnerException: { } inner } => For(inner, request),
        _ => null,
    };

    private static string S3Where(MigrationRequest request) => request.S3?.ServiceUrl is { Length: > 0 } url ? url : $"AWS ({request.S3?.Region})";

    private static Exception? Unwrap(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner;
    }
}
