namespace GridMap.Domain.Live;

/// <summary>What a position did to an officer's geofence state.</summary>
public enum GeofenceTransition
{
    /// <summary>Confirmed outside all assigned grids while on shift: raise an alert.</summary>
    Left,

    /// <summary>Back inside an assigned grid: clear the open alert.</summary>
    Returned,

    /// <summary>The shift ended while an alert was open: clear it, the officer is free to go.</summary>
    ShiftEnded,
}

/// <summary>
/// The geofence as a state machine per officer: inside → (N consecutive reports outside while on
/// shift) → alert open → (one report inside) → cleared. An alert is raised once per excursion, not
/// once per position. Requiring more than one report outside keeps GPS jitter along a boundary road
/// from raising and clearing alerts every few seconds; returning needs one report, because a
/// false "returned" costs nothing while a missed one leaves a stale alert on every console.
/// Not thread-safe: one consumer owns it.
/// </summary>
public sealed class GeofenceTracker(int leaveConfirmations = 2)
{
    private readonly int _leaveConfirmations = Math.Max(1, leaveConfirmations);
    private readonly Dictionary<long, Entry> _officers = [];

    /// <summary>Marks an alert as open (one read from the database at start-up).</summary>
    public void RestoreOpenAlert(long officerId, DateTimeOffset since)
    {
        var entry = Get(officerId);
        entry.AlertOpen = true;
        entry.OutsideCount = _leaveConfirmations;
        if (since > entry.LastTime)
        {
            entry.LastTime = since;
        }
    }

    public bool HasOpenAlert(long officerId) => _officers.TryGetValue(officerId, out var e) && e.AlertOpen;

    /// <summary>
    /// Feeds one position. <paramref name="onShift"/>: the officer has an assignment whose shift
    /// covers the position's time; <paramref name="inside"/>: the position is in one of the grids
    /// of those assignments. Positions older than the last one seen are ignored: the geofence
    /// follows the officer's time line, not the order in which batches arrive.
    /// </summary>
    public GeofenceTransition? Observe(long officerId, DateTimeOffset time, bool onShift, bool inside)
    {
        var entry = Get(officerId);
        if (time <= entry.LastTime)
        {
            return null;
        }

        entry.LastTime = time;
        if (!onShift || inside)
        {
            entry.OutsideCount = 0;
            if (!entry.AlertOpen)
            {
                return null;
            }

            entry.AlertOpen = false;
            return onShift ? GeofenceTransition.Returned : GeofenceTransition.ShiftEnded;
        }

        entry.OutsideCount++;
        if (entry.AlertOpen || entry.OutsideCount < _leaveConfirmations)
        {
            return null;
        }

        entry.AlertOpen = true;
        return GeofenceTransition.Left;
    }

    private Entry Get(long officerId)
    {
        if (!_officers.TryGetValue(officerId, out var entry))
        {
            entry = new Entry();
            _officers[officerId] = entry;
        }

        return entry;
    }

    private sealed class Entry
    {
        public bool AlertOpen;
        public int OutsideCount;
        public DateTimeOffset LastTime = DateTimeOffset.MinValue;
    }
}
