namespace Marquee.Media;

/// <summary>How a tool process ended: exit code, collected standard output, last lines of standard error.</summary>
internal sealed record ToolResult(int ExitCode, string Stdout, string StderrTail);
