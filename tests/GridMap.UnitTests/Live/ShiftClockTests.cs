using GridMap.Domain.Calendar;
using GridMap.Domain.Live;
using Microsoft.Extensions.Time.Testing;

namespace GridMap.UnitTests.Live;

public sealed class ShiftClockTests
{
    private static readonly ShiftWindow Day = new("day", new TimeOnly(8, 30), new TimeOnly(17, 30));
    private static readonly ShiftWindow Late = new("late", new TimeOnly(14, 0), new TimeOnly(22, 0));
    private static readonly ShiftWindow Night = new("night", new TimeOnly(22, 0), new TimeOnly(6, 0));
    private static readonly ShiftWindow OnCall = new("on_call", new TimeOnly(0, 0), new TimeOnly(23, 59));

    private static ShiftClock ClockAt(DateTimeOffset utc, out FakeTimeProvider time)
    {
        time = new FakeTimeProvider(utc);
        return new ShiftClock(time, WorkingCalendar.FindZone("Asia/Shanghai"));
    }

    [Fact]
    public void Shifts_are_read_in_Shanghai_time_whatever_the_server_zone()
    {
        // 00:45 UTC is 08:45 in Shanghai: the day shift has begun, the late one has not.
        var clock = ClockAt(new DateTimeOffset(2026, 9, 30, 0, 45, 0, TimeSpan.Zero), out var time);

        Assert.True(clock.IsOnShiftNow(Day));
        Assert.False(clock.IsOnShiftNow(Late));

        // 09:30 UTC = 17:30 local: the day shift is over (end exclusive), the late one is on.
        time.AdjustTime(new DateTimeOffset(2026, 9, 30, 9, 30, 0, TimeSpan.Zero));
        Assert.False(clock.IsOnShiftNow(Day));
        Assert.True(clock.IsOnShiftNow(Late));
    }

    [Fact]
    public void A_shift_across_midnight_and_the_on_call_day()
    {
        var clock = ClockAt(new DateTimeOffset(2026, 9, 30, 15, 59, 30, TimeSpan.Zero), out var time); // 23:59:30 local

        Assert.True(clock.IsOnShiftNow(Night));
        Assert.True(clock.IsOnShiftNow(OnCall));
        time.Advance(TimeSpan.FromHours(6)); // 05:59:30
        Assert.True(clock.IsOnShiftNow(Night));
        time.Advance(TimeSpan.FromMinutes(1)); // 06:00:30
        Assert.False(clock.IsOnShiftNow(Night));
        Assert.True(clock.IsOnShiftNow(OnCall));
    }

    [Fact]
    public void Today_starts_at_local_midnight()
    {
        var clock = ClockAt(new DateTimeOffset(2026, 9, 30, 17, 0, 0, TimeSpan.Zero), out _); // 01:00 on 1 October local

        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8)), clock.Today);
    }

    [Fact]
    public void Live_state_follows_the_age_of_the_last_report()
    {
        var now = new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);
        var stale = TimeSpan.FromSeconds(60);
        var offline = TimeSpan.FromMinutes(10);

        Assert.Equal(LiveState.Live, LiveStates.Classify(now.AddSeconds(-59), now, stale, offline));
        Assert.Equal(LiveState.Stale, LiveStates.Classify(now.AddSeconds(-60), now, stale, offline));
        Assert.Equal(LiveState.Offline, LiveStates.Classify(now.AddMinutes(-10), now, stale, offline));
    }
}
