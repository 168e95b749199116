namespace Marquee.Cli.Migrate;

/// <summary>The migration cannot go on; the message is one line for the operator, with what to do next.</summary>
internal sealed class MigrationFailure(string message) : Exception(message);
