return await Marquee.Cli.CommandLine.RunAsync(args);
