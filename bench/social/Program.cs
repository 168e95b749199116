using Marquee.Bench.Social;

// bench/social: comment listing, similar people and removing everything one person wrote, against a real origin.
return await SocialBench.MainAsync(args);
