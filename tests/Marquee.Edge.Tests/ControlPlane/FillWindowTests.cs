using Marquee.Edge.ControlPlane;

namespace Marquee.Edge.Tests.ControlPlane;

public sealed class FillWindowTests
{
    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 27, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("02:00-06:00", 1, 59, false)]
    [InlineData("02:00-06:00", 2, 0, true)]
    [InlineData("02:00-06:00", 5, 59, true)]
    [InlineData("02:00-06:00", 6, 0, false)]
    [InlineData("22:30-04:00", 23, 0, true)]
    [InlineData("22:30-04:00", 3, 59, true)]
    [InlineData("22:30-04:00", 12, 0, false)]
    [InlineData("00:00-24:00", 12, 0, true)]
    [InlineData("00:00-00:00", 0, 0, false)]
    public void The_window_is_half_open_in_utc_and_may_wrap_midnight(string window, int hour, int minute, bool inside)
    {
        Assert.True(FillWindow.TryParse(window, out var parsed));
        Assert.Equal(inside, parsed.Contains(At(hour, minute)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2:00-6:00")]
    [InlineData("02:00")]
    [InlineData("24:00-02:00")]
    [InlineData("02:00-25:00")]
    [InlineData("02:00-06:00-08:00")]
    public void Anything_else_is_not_a_window(string? window) => Assert.False(FillWindow.TryParse(window, out _));
}
