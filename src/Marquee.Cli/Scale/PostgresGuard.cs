namespace Marquee.Cli.Scale;

/// <summary>
/// pg_ctl starts PostgreSQL detached, so unlike the other services it would outlive a killed <c>up --scale</c>. This
/// small shell, a child like the others, gets SIGTERM when we die (parent-death signal) and stops the server with
/// pg_ctl then. A clean stop stops the server first; the guard then finds it stopped.
/// </summary>
internal static class PostgresGuard
{
    // sleep in the background and wait for it, so the trap runs as soon as the signal comes.
    private const string Script = "trap '\"$0\" stop -D \"$1\" -m fast -s; exit 0' TERM; while :; do sleep 1 & wait $!; done";

    public static ServiceProcess Start(LocalPostgres postgres) =>
        ServiceProcess.Start("postgres-guard", "/bin/sh", ["-c", Script, postgres.PgCtl, postgres.DataFolder], Path.Combine(postgres.Folder, "guard.log"), LocalPostgres.RunsAs);
}
