namespace Marquee.Cli;

/// <summary>Dispatches <c>marquee COMMAND …</c> to the role or tool it names.</summary>
internal static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.WriteLine("usage: marquee up|ingest|help");
        return Task.FromResult(args.Length == 0 ? 0 : 2);
    }
}
