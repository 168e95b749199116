using Marquee.Media.Storage;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Npgsql;

namespace Marquee.Cli.Migrate;

/// <summary>What <c>marquee migrate</c> was asked to do, checked before anything is opened.</summary>
internal sealed record MigrationRequest(DataDirectory Data, string TargetUrl, string TargetConnectionString, S3StorageOptions? S3, bool WriteSettings)
{
    public static readonly string[] ValueOptions = ["to", "data", "s3-url", "s3-bucket", "s3-access-key", "s3-secret-key", "s3-region", "s3-key-prefix"];

    public static MigrationRequest Parse(string[] args)
    {
        var parsed = Arguments.Parse(args, ValueOptions, ["write-settings"]);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"unexpected argument '{parsed.Positional[0]}'.");
        }

        var to = parsed.Value("to") ?? throw new UsageException("migrate needs --to postgresql://user:password@host:port/database.");
        return new MigrationRequest(
            DataDirectory.Resolve(parsed.Value("data")),
            to,
            NormalizeTarget(to),
            ReadS3(parsed),
            parsed.Flag("write-settings"));
    }

    /// <summary>The settings the installation needs once it has moved.</summary>
    public InstallationSettings Settings()
    {
        List<(string, string)> values = [($"{DatabaseOptions.Section}:Provider", DatabaseOptions.Postgres), ($"{DatabaseOptions.Section}:ConnectionString", TargetUrl)];
        if (S3 is { } s3)
        {
            const string Prefix = StorageOptions.Section + ":S3:";
            values.Add(($"{StorageOptions.Section}:Kind", ObjectStoreFactory.S3Kind));
            values.Add((Prefix + "Bucket", s3.Bucket));
            values.Add((Prefix + "Region", s3.Region));
            values.Add((Prefix + "ForcePathStyle", s3.ForcePathStyle ? "true" : "false"));
            foreach (var (name, value) in new[] { ("ServiceUrl", s3.ServiceUrl), ("AccessKey", s3.AccessKey), ("SecretKey", s3.SecretKey), ("KeyPrefix", s3.KeyPrefix) })
            {
                if (!string.IsNullOrEmpty(value))
                {
                    values.Add((Prefix + name, value));
                }
            }
        }

        return new InstallationSettings(values);
    }

    /// <summary>Where the data goes, without its password, for messages.</summary>
    public string TargetDescription()
    {
        var builder = new NpgsqlConnectionStringBuilder(TargetConnectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }

    private static string NormalizeTarget(string to)
    {
        var isUrl = to.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || to.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);
        if (!isUrl && !to.Contains('=', StringComparison.Ordinal))
        {
            throw new UsageException($"--to '{Redact(to)}' is not a PostgreSQL address; write postgresql://user:password@host:port/database (or Npgsql's Host=…;Database=… form).");
        }

        try
        {
            var normalized = PostgresConnection.Normalize(to);
            if (string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(normalized).Database))
            {
                throw new UsageException("--to names no database; write postgresql://user:password@host:port/database.");
            }

            return normalized;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw new UsageException($"--to '{Redact(to)}' is not a PostgreSQL address ({e.Message.TrimEnd('.')}); write postgresql://user:password@host:port/database.");
        }
    }

    private static S3StorageOptions? ReadS3(Arguments parsed)
    {
        var named = MigrationRequest.ValueOptions.Where(o => o.StartsWith("s3-", StringComparison.Ordinal) && parsed.Value(o) is not null).ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var s3 = new S3StorageOptions
        {
            ServiceUrl = parsed.Value("s3-url"),
            Bucket = parsed.Value("s3-bucket") ?? throw new UsageException($"--{named[0]} needs --s3-bucket too."),
            AccessKey = parsed.Value("s3-access-key"),
            SecretKey = parsed.Value("s3-secret-key"),
            KeyPrefix = parsed.Value("s3-key-prefix") ?? "",
        };
        if (parsed.Value("s3-region") is { } region)
        {
            s3.Region = region;
        }

        try
        {
            // Building the store runs the same checks an origin runs on Storage:S3 at start.
            using var probe = (S3ObjectStore)ObjectStoreFactory.Create(new StorageOptions { Kind = ObjectStoreFactory.S3Kind, S3 = s3 }, "");
        }
        catch (InvalidOperationException e)
        {
            // The checks speak of configuration keys; here the operator typed options.
            var message = e.Message.Replace("The S3 object store is misconfigured: ", "", StringComparison.Ordinal);
            foreach (var (key, option) in new[] { ("ServiceUrl", "url"), ("Bucket", "bucket"), ("Region", "region"), ("AccessKey", "access-key"), ("SecretKey", "secret-key"), ("KeyPrefix", "key-prefix") })
            {
                message = message.Replace("Storage:S3:" + key, "--s3-" + option, StringComparison.Ordinal);
            }

            throw new UsageException(message);
        }

        return s3;
    }

    // A password typed into a wrong address should not be echoed back into logs.
    private static string Redact(string value)
    {
        var at = value.LastIndexOf('@');
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? value[..(scheme + 3)] + "…" + value[at..] : value;
    }
}
