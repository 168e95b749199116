namespace Marquee.TestSupport;

/// <summary>What a Node.js script run by <see cref="NodeScript"/> printed, and how it ended.</summary>
public sealed record NodeScriptResult(int ExitCode, IReadOnlyList<string> StandardOutputLines, string StandardError)
{
    public override string ToString() =>
        $"exit code {ExitCode}\nstdout:\n{string.Join('\n', StandardOutputLines)}\nstderr:\n{StandardError}";
}
