using Marquee.Bench.Party;

// bench/party: watch-party sync (issue 18) with simulated members against a real origin, beside naive members.
return await PartyBench.MainAsync(args);
