using System.Diagnostics;

namespace Marquee.Cli.Scale;

/// <summary>
/// The unprivileged users Debian's packages made (<c>postgres</c>, <c>redis</c>) that our services run as when we are
/// root. They must be able to reach their folders under the data directory, which a home folder of mode 700 (/root)
/// prevents: that is found before anything starts and named with the command that fixes it.
/// </summary>
internal static class ServiceUser
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Whether <paramref name="user"/> exists on this machine.</summary>
    public static bool Exists(string user) => Run("id", ["-u", user]) == 0;

    /// <summary>Throws a one-line explanation when <paramref name="user"/> cannot enter <paramref name="folder"/>.</summary>
    public static void EnsureCanReach(string user, string folder, string service)
    {
        if (!IsRoot || CanEnter(user, folder))
        {
            return;
        }

        // The first folder on the way down that the user may not pass through is the one to name.
        var blocking = folder;
        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent)
        {
            if (!CanEnter(user, current.FullName))
            {
                blocking = current.FullName;
            }
        }

        throw new ScaleException(
            $"{service} runs as the user '{user}', which cannot enter {blocking} on the way to {folder}. "
            + $"Use a data directory it can reach (for example --data /var/lib/marquee), or let it pass with: chmod o+x {blocking}");
    }

    /// <summary>Gives <paramref name="folder"/> (and what is in it) to <paramref name="user"/> when we are root.</summary>
    public static void Own(string user, string folder)
    {
        if (IsRoot && Run("chown", ["-R", $"{user}:", folder]) != 0)
        {
            throw new ScaleException($"could not give {folder} to the user '{user}' (chown failed).");
        }
    }

    private static bool CanEnter(string user, string folder) => Run("runuser", ["-u", user, "--", "test", "-x", folder]) == 0;

    private static int Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}

/// <summary>A service of <c>up --scale</c> could not start; the message says why and what to do.</summary>
internal sealed class ScaleException(string message) : Exception(message);
