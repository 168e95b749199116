namespace Marquee.Cli;

/// <summary>Dispatches <c>marquee COMMAND …</c> to the role or tool it names.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: marquee COMMAND [options]

          up [--data DIR] [--urls URL] [--no-edges] [--edge-ports P1,P2,P3,P4]
                                            run the local cluster: the origin with the web app and the demo catalog
                                            (http://127.0.0.1:8080) and edges eu-1 :8101, eu-2 :8102, us-1 :8201, us-2 :8202
          up --scale [--data DIR] [--scale-ports LB,O1,O2,PG,REDIS,S3] [--no-edges] [--edge-ports P1,P2,P3,P4]
                                            the same scaled out on this machine, each its own process: PostgreSQL :5433,
                                            Redis :6380, s3rver :4568, origins :8081 and :8082 behind haproxy :8080, a worker
                                            and the edges; writes the services into {data}/marquee.json for other commands
          origin [--data DIR] [--urls URL]  run the origin without seeding demo content
          worker [--data DIR]               run transcoding workers only, on the same database and storage
          edge --region R --origin URL --port P [--id ID] [--cache DIR] [--cache-size BYTES] [--memory BYTES]
               [--parent URL] [--host ADDR] [--public-url URL] [--capacity BYTES/S] [--max-connections N] [--key-file FILE]
               [--eviction s3fifo|wtinylfu|lru] [--health-window SECONDS] [--health-min-samples N]
               [--health-upstream-failures RATIO] [--health-upstream-latency MS] [--health-errors RATIO]
               [--tls-cert FILE --tls-key FILE]
                                            run one edge cache (HTTPS with HTTP/1.1 and HTTP/2 given a PEM certificate); the edge key comes from $MARQUEE_EDGE_KEY or --key-file
          ingest FILE --title NAME [--wait] [--free] [--countries DE,FR] [--draft] [--subtitles FILE[:LANG]]
                 [--synopsis TEXT] [--genres A,B] [--year YYYY] [--maturity 0|7|13|16|18] [--data DIR]
                                            add a video; prints the new title's id first
          user add EMAIL [--plan free|standard|premium] [--admin] [--data DIR]
                                            create a confirmed account; the password is read from standard input
          previews [--data DIR]             cut the public preview of every title published before previews existed,
                                            from its published package (run once after upgrading)
          migrate --to postgresql://USER:PASSWORD@HOST:PORT/DB [--s3-bucket B [--s3-url URL] [--s3-region R]
                  [--s3-access-key K --s3-secret-key S] [--s3-key-prefix P]] [--write-settings] [--data DIR]
                                            move an installation on SQLite (and media in the data directory) to an empty
                                            PostgreSQL database (and an S3 bucket), check the counts, and with
                                            --write-settings point the data directory's marquee.json at them
          test                              run every test suite (from the repository's ./marquee script)
          help                              this text

        The data directory defaults to $MARQUEE_DATA, then ./.marquee-data.
        Configuration also comes from appsettings.json and MARQUEE_-prefixed environment variables
        (for example MARQUEE_Storage__Kind=s3); see the README.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 ? "help" : args[0];
        var rest = args.Skip(1).ToArray();
        try
        {
            return command switch
            {
                "up" => await ServeCommand.RunAsync(rest, seedDemo: true),
                "origin" => await ServeCommand.RunAsync(rest, seedDemo: false),
                "worker" => await WorkerCommand.RunAsync(rest),
                "edge" => await EdgeCommand.RunAsync(rest),
                "ingest" => await IngestCommand.RunAsync(rest),
                "user" => await UserCommand.RunAsync(rest),
                "previews" => await PreviewsCommand.RunAsync(rest),
                "migrate" => await Migrate.MigrateCommand.RunAsync(rest),
                "help" or "--help" or "-h" => Help(),
                _ => throw new UsageException($"unknown command '{command}'."),
            };
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"marquee: {e.Message}\n\n{Usage}");
            return ExitCodes.Usage;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("marquee: configuration is not valid:\n  " + string.Join("\n  ", e.Failures));
            return ExitCodes.Failed;
        }
    }

    private static int Help()
    {
        Console.WriteLine(Usage);
        return ExitCodes.Ok;
    }
}
