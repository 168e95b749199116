using System.Globalization;

namespace Marquee.Edge.ControlPlane;

/// <summary>A daily UTC window <c>HH:mm-HH:mm</c>: may wrap midnight; <c>00:00-24:00</c> is always, equal ends never.</summary>
public readonly record struct FillWindow(TimeSpan Start, TimeSpan End)
{
    public static FillWindow Never { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public static bool TryParse(string? text, out FillWindow window)
    {
        window = Never;
        var parts = text?.Split('-');
        if (parts is not { Length: 2 } || !TryParseTime(parts[0], out var start) || !TryParseTime(parts[1], out var end) || start == TimeSpan.FromHours(24))
        {
            return false;
        }

        window = new FillWindow(start, end);
        return true;
    }

    public bool Contains(DateTimeOffset at)
    {
        var time = at.UtcDateTime.TimeOfDay;
        return Start <= End ? time >= Start && time < End : time >= Start || time < End;
    }

    private static bool TryParseTime(string text, out TimeSpan time)
    {
        time = default;
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        return text.Length == 5 && TimeSpan.TryParseExact(text, "hh\\:mm", CultureInfo.InvariantCulture, out time);
    }
}
