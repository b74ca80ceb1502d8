using GridMap.Domain.Live;

namespace GridMap.UnitTests.Live;

public sealed class GeofenceTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Leaving_raises_one_alert_after_the_confirmations_and_returning_clears_it()
    {
        var tracker = new GeofenceTracker(leaveConfirmations: 2);

        Assert.Null(tracker.Observe(7, T0, onShift: true, inside: true));
        Assert.Null(tracker.Observe(7, T0.AddSeconds(5), onShift: true, inside: false));
        Assert.Equal(GeofenceTransition.Left, tracker.Observe(7, T0.AddSeconds(10), onShift: true, inside: false));
        Assert.True(tracker.HasOpenAlert(7));
        // Still out: no second alert.
        for (var i = 3; i < 20; i++)
        {
            Assert.Null(tracker.Observe(7, T0.AddSeconds(5 * i), onShift: true, inside: false));
        }

        Assert.Equal(GeofenceTransition.Returned, tracker.Observe(7, T0.AddSeconds(100), onShift: true, inside: true));
        Assert.False(tracker.HasOpenAlert(7));
        Assert.Null(tracker.Observe(7, T0.AddSeconds(105), onShift: true, inside: true));
    }

    [Fact]
    public void One_stray_fix_outside_is_jitter_not_an_excursion()
    {
        var tracker = new GeofenceTracker(leaveConfirmations: 2);

        Assert.Null(tracker.Observe(7, T0, onShift: true, inside: false));
        Assert.Null(tracker.Observe(7, T0.AddSeconds(5), onShift: true, inside: true));
        Assert.Null(tracker.Observe(7, T0.AddSeconds(10), onShift: true, inside: false));
        Assert.False(tracker.HasOpenAlert(7));
    }

    [Fact]
    public void Off_shift_nobody_is_out_of_their_grid_and_an_open_alert_ends_with_the_shift()
    {
        var tracker = new GeofenceTracker(leaveConfirmations: 1);

        Assert.Null(tracker.Observe(7, T0, onShift: false, inside: false));
        Assert.Equal(GeofenceTransition.Left, tracker.Observe(7, T0.AddSeconds(5), onShift: true, inside: false));
        Assert.Equal(GeofenceTransition.ShiftEnded, tracker.Observe(7, T0.AddSeconds(10), onShift: false, inside: false));
        Assert.Null(tracker.Observe(7, T0.AddSeconds(15), onShift: false, inside: false));
    }

    [Fact]
    public void Late_positions_do_not_move_the_state_and_officers_are_independent()
    {
        var tracker = new GeofenceTracker(leaveConfirmations: 1);

        Assert.Equal(GeofenceTransition.Left, tracker.Observe(7, T0.AddSeconds(10), onShift: true, inside: false));
        Assert.Null(tracker.Observe(7, T0.AddSeconds(5), onShift: true, inside: true));
        Assert.True(tracker.HasOpenAlert(7));
        Assert.Null(tracker.Observe(8, T0.AddSeconds(10), onShift: true, inside: true));
        Assert.False(tracker.HasOpenAlert(8));
    }

    [Fact]
    public void An_alert_restored_at_start_up_is_not_raised_again()
    {
        var tracker = new GeofenceTracker(leaveConfirmations: 2);
        tracker.RestoreOpenAlert(7, T0);

        Assert.Null(tracker.Observe(7, T0.AddSeconds(5), onShift: true, inside: false));
        Assert.Null(tracker.Observe(7, T0.AddSeconds(10), onShift: true, inside: false));
        Assert.Equal(GeofenceTransition.Returned, tracker.Observe(7, T0.AddSeconds(15), onShift: true, inside: true));
    }
}
