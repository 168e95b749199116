namespace Marquee.Origin.Demo;

/// <summary>
/// A dozen short synthetic clips: varied sources, sizes (portrait, 4:3, anamorphic, up to 1080p), frame rates
/// (15 to 60) and with or without sound, so a new installation exercises the whole pipeline at once. A few are
/// licensed in one country only, so the demo addresses (US, DE, JP) see different catalogs. One series of three
/// short, small episodes (cheap to transcode) gives the web app seasons and a next episode.
/// </summary>
internal static class DemoCatalog
{
    public static IReadOnlyList<DemoClip> Clips { get; } =
    [
        new("The Long Signal", "A lone radio operator decodes a pattern that repeats every four seconds.", ["Sci-Fi", "Drama"], 2021,
            "testsrc2=s=1280x720:r=30", 20, 440, Free: true),
        new("Bars of Gold", "The untold story of the colour bars that calibrated a century of television.", ["Documentary"], 2019,
            "smptehdbars=s=1920x1080:r=25", 12, 1000),
        new("Mandelbrot Nights", "A detective follows a trail that gets more intricate the closer she looks.", ["Mystery", "Thriller"], 2023,
            "mandelbrot=s=1280x720:r=30", 16, null, Maturity: 16, Countries: ["DE", "AT", "CH"]),
        new("The Game of Life", "Four rules, one grid, and a civilisation that rises and falls in an afternoon.", ["Drama"], 2017,
            "life=s=640x360:r=15:mold=10:ratio=0.3:death_color=#2b0a3d:life_color=#f2c14e", 20, 330, Free: true),
        new("Cellular", "Rule 110 spreads through a city of pixels, and nobody can stop it.", ["Thriller"], 2015,
            "cellauto=s=640x480:r=25:rule=110", 15, null, Maturity: 13),
        new("Portrait of a Gradient", "A love story told in colours that never quite meet, shot on a phone.", ["Romance"], 2024,
            "gradients=s=720x1280:r=30:speed=0.02", 12, 523, Countries: ["JP"]),
        new("Primary Colours", "Red, green and blue share a flat in this sixty-frames-a-second comedy.", ["Comedy"], 2022,
            "rgbtestsrc=s=854x480:r=60", 10, 660),
        new("Test Card F", "A family gathers around the television after closedown.", ["Family"], 1988,
            "testsrc=s=640x480:r=25", 15, 880, Free: true, Maturity: 0),
        new("The Sierpinski Gasket", "An architect builds a house inside a house inside a house.", ["Horror"], 2020,
            "sierpinski=s=960x540:r=24", 14, 220, Maturity: 18),
        new("Northern Lights", "Slow colour drifts across the arctic sky, in full HD.", ["Documentary", "Nature"], 2018,
            "gradients=s=1920x1080:r=24:speed=0.01:c0=#0b3d2e:c1=#41c9a0:c2=#1b1f4a:nb_colors=3", 10, null),
        new("Sine City", "A small town hums at 220 hertz until a stranger arrives.", ["Animation"], 2016,
            "testsrc2=s=426x240:r=30", 20, 220, Countries: ["US", "CA"]),
        new("Widescreen Memories", "Home movies from a 1987 camcorder, in PAL and anamorphic.", ["Classic", "Drama"], 1987,
            "smptebars=s=720x576:r=25", 12, 1200, Sar: "64/45"),
    ];

    public static DemoSeries Series { get; } = new(
        "Signals from Home",
        "Three siblings rebuild their late grandfather's ham radio and start hearing a voice that sounds a lot like him.",
        ["Drama", "Family"], 2025, Maturity: 7,
        [
            new("The Antenna", "The siblings haul the old mast back onto the roof, and the set crackles into life.", [], 2025,
                "testsrc2=s=640x360:r=25", 9, 330),
            new("Interference", "A storm scrambles every channel but one, and the voice on it knows their names.", [], 2025,
                "cellauto=s=640x360:r=25:rule=30", 8, 550),
            new("Carrier Wave", "The youngest finds the frequency in the logbook, and the family finally answers.", [], 2025,
                "gradients=s=640x360:r=25:speed=0.03:c0=#1d3557:c1=#e63946:nb_colors=2", 10, 660),
        ]);
}
