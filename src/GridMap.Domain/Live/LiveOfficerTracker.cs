using System.Collections.Concurrent;
using GridMap.Domain.Patrol;

namespace GridMap.Domain.Live;

/// <summary>An officer's latest position and how current it is now.</summary>
public sealed record TrackedOfficer(OfficerPosition Position, LiveState State);

/// <summary>
/// The one store of every officer's latest state: the newest committed position per officer
/// (moved by ingest after each commit, read back from officer_latest at start) and, classified
/// at <see cref="Thresholds"/> on <see cref="TimeProvider"/>'s clock, whether the officer is live,
/// stale or offline. The officers' API, the consoles (snapshots, positions, state changes) and the
/// officer panel all read it here, so they cannot disagree. Identity and scope (names, roles,
/// grids) are not kept here but in the live layer's officer directory.
/// Thread-safe: positions never move backwards, and the state sweep never overwrites a newer
/// position (compare-and-swap).
/// </summary>
public sealed class LiveOfficerTracker(TimeProvider clock, LiveThresholds thresholds)
{
    private readonly ConcurrentDictionary<long, Entry> _officers = new();

    public LiveThresholds Thresholds => thresholds;

    public int Count => _officers.Count;

    /// <summary>live / stale / offline for a last report at <paramref name="lastReport"/>, now.</summary>
    public LiveState StateOf(DateTimeOffset lastReport) => thresholds.Classify(lastReport, clock.GetUtcNow());

    /// <summary>The officer's latest position and state now; null when they never reported.</summary>
    public TrackedOfficer? Find(long officerId) =>
        _officers.TryGetValue(officerId, out var entry) ? new TrackedOfficer(entry.Position, StateOf(entry.Position.Time)) : null;

    /// <summary>Every officer with a position, with their state now, by officer id.</summary>
    public IReadOnlyList<TrackedOfficer> Snapshot()
    {
        var now = clock.GetUtcNow();
        return _officers.Values
            .Select(e => new TrackedOfficer(e.Position, thresholds.Classify(e.Position.Time, now)))
            .OrderBy(o => o.Position.OfficerId)
            .ToList();
    }

    /// <summary>
    /// Moves officers to the newest of <paramref name="positions"/> where it is newer than what is
    /// held (committed batches, and officer_latest at start, in any order); returns how many of
    /// them moved an officer forward.
    /// </summary>
    public int Record(IEnumerable<OfficerPosition> positions)
    {
        var now = clock.GetUtcNow();
        var moved = 0;
        foreach (var position in positions)
        {
            if (TryRecord(position, thresholds.Classify(position.Time, now)))
            {
                moved++;
            }
        }

        return moved;
    }

    /// <summary>
    /// Whether a newer position of the same officer is held: a phone's backlog arriving late, or
    /// a later batch recorded before this one was broadcast. Consoles are not sent superseded positions.
    /// </summary>
    public bool IsSuperseded(OfficerPosition position) =>
        _officers.TryGetValue(position.OfficerId, out var entry) && entry.Position.Time > position.Time;

    /// <summary>
    /// Re-classifies every officer now; returns those whose state changed since it was last
    /// recorded or swept (each change is returned once, for the consoles to be told).
    /// </summary>
    public IReadOnlyList<TrackedOfficer> Sweep()
    {
        var now = clock.GetUtcNow();
        var changed = new List<TrackedOfficer>();
        foreach (var (id, current) in _officers)
        {
            var state = thresholds.Classify(current.Position.Time, now);
            if (state == current.Announced)
            {
                continue;
            }

            // Loses to a concurrent newer position, which carries its own state.
            if (_officers.TryUpdate(id, current with { Announced = state }, current))
            {
                changed.Add(new TrackedOfficer(current.Position, state));
            }
        }

        return changed;
    }

    private bool TryRecord(OfficerPosition position, LiveState state)
    {
        var next = new Entry(position, state);
        while (true)
        {
            if (!_officers.TryGetValue(position.OfficerId, out var current))
            {
                if (_officers.TryAdd(position.OfficerId, next))
                {
                    return true;
                }

                continue;
            }

            if (position.Time <= current.Position.Time)
            {
                return false;
            }

            if (_officers.TryUpdate(position.OfficerId, next, current))
            {
                return true;
            }
        }
    }

    /// <param name="Announced">The state consoles were last given (with the position, or by a sweep).</param>
    private sealed record Entry(OfficerPosition Position, LiveState Announced);
}
