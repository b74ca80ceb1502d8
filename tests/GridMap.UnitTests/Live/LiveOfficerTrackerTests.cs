using Microsoft.Extensions.Time.Testing;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;

namespace GridMap.UnitTests.Live;

public sealed class LiveOfficerTrackerTests
{
    private static readonly DateTimeOffset Start = new(2030, 3, 4, 5, 6, 7, TimeSpan.Zero);

    // Not the defaults (60 s / 10 min), so a reader that used its own pair would be caught.
    private static readonly LiveThresholds Thresholds = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));

    private static OfficerPosition At(long officerId, DateTimeOffset time, double lon = 114.4) =>
        new(officerId, $"dev-{officerId}", time, 23.1, lon);

    [Fact]
    public void Every_reader_gets_the_state_classified_now_at_the_stores_thresholds()
    {
        var time = new FakeTimeProvider(Start);
        var tracker = new LiveOfficerTracker(time, Thresholds);
        tracker.Record([At(1, Start), At(2, Start.AddSeconds(-31)), At(3, Start.AddMinutes(-2))]);

        Assert.Equal(LiveState.Live, tracker.Find(1)!.State);
        Assert.Equal(LiveState.Stale, tracker.Find(2)!.State);
        Assert.Equal(LiveState.Offline, tracker.Find(3)!.State);
        Assert.Equal([LiveState.Live, LiveState.Stale, LiveState.Offline], tracker.Snapshot().Select(o => o.State));
        Assert.Null(tracker.Find(4));

        // Time passes with no report: the same store answers differently, at its thresholds.
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(LiveState.Live, tracker.Find(1)!.State);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LiveState.Stale, tracker.Find(1)!.State);
        Assert.Equal(LiveState.Stale, tracker.StateOf(Start));
        time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(LiveState.Offline, tracker.Find(1)!.State);
        Assert.Equal(Thresholds, tracker.Thresholds);
    }

    [Fact]
    public void A_sweep_announces_each_change_once_and_a_new_position_makes_the_officer_live_again()
    {
        var time = new FakeTimeProvider(Start);
        var tracker = new LiveOfficerTracker(time, Thresholds);
        tracker.Record([At(1, Start), At(2, Start)]);
        Assert.Empty(tracker.Sweep());

        time.Advance(TimeSpan.FromSeconds(30));
        tracker.Record([At(2, Start.AddSeconds(25))]);
        var stale = Assert.Single(tracker.Sweep());
        Assert.Equal((1L, LiveState.Stale), (stale.Position.OfficerId, stale.State));
        Assert.Empty(tracker.Sweep());

        time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal([(1L, LiveState.Offline), (2L, LiveState.Stale)],
            tracker.Sweep().Select(o => (o.Position.OfficerId, o.State)).OrderBy(o => o.Item1));

        tracker.Record([At(1, time.GetUtcNow())]);
        Assert.Equal(LiveState.Live, tracker.Find(1)!.State);
        Assert.DoesNotContain(tracker.Sweep(), o => o.Position.OfficerId == 1);
    }

    [Fact]
    public void Positions_never_move_backwards_and_superseded_ones_are_recognised()
    {
        var tracker = new LiveOfficerTracker(new FakeTimeProvider(Start), Thresholds);

        Assert.Equal(2, tracker.Record([At(1, Start.AddSeconds(-5), lon: 114.1), At(1, Start, lon: 114.2)]));
        Assert.Equal(0, tracker.Record([At(1, Start.AddSeconds(-1), lon: 114.3), At(1, Start, lon: 114.4)]));

        Assert.Equal(114.2, tracker.Find(1)!.Position.Lon);
        Assert.True(tracker.IsSuperseded(At(1, Start.AddSeconds(-1))));
        Assert.False(tracker.IsSuperseded(At(1, Start)));
        Assert.False(tracker.IsSuperseded(At(2, Start)));
        Assert.Equal(1, tracker.Count);
    }

    [Fact]
    public void Thresholds_that_cannot_work_are_refused()
    {
        Assert.Null(Thresholds.Validate());
        Assert.NotNull(new LiveThresholds(TimeSpan.Zero, TimeSpan.FromMinutes(1)).Validate());
        Assert.NotNull(new LiveThresholds(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)).Validate());
    }
}
