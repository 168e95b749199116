using Marquee.Media.Probing;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Ingest;

public sealed class IsolationTests
{
    [Fact]
    public async Task Hostile_inputs_arriving_together_with_a_good_one_do_not_disturb_it()
    {
        await using var origin = await OriginServer.StartAsync();
        string[] hostile =
        [
            HostileInputs.Empty(), HostileInputs.RandomBytes(), await HostileInputs.TruncatedMp4(), HostileInputs.TextRenamed(),
            HostileInputs.HlsPlaylist(9), HostileInputs.ConcatScript("/etc/hostname"), await HostileInputs.StillImage(),
            await HostileInputs.HugeResolutionClaim(), await HostileInputs.TenHourClaim(),
        ];

        var good = origin.IngestAsync(await Clips.GetAsync(new ClipSpec(Seconds: 6)), "Good One");
        var refusals = hostile.Select(async path =>
            (await Assert.ThrowsAsync<InputRefusedException>(() => origin.IngestAsync(path, "Bad One"))).Reason.Code).ToList();

        var codes = await Task.WhenAll(refusals);
        var title = await origin.WaitForTitleAsync(await good);

        Assert.Equal(hostile.Length, codes.Length);
        Assert.Equal("Good One", title.GetProperty("title").GetString());
        Assert.Empty(Directory.GetFiles(Path.Combine(origin.DataPath, "staging")));
    }
}
