using System.Collections.Concurrent;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;

namespace GridMap.Web.Live;

/// <summary>An officer's latest position and how current it is.</summary>
public sealed record TrackedOfficer(OfficerPosition Position, LiveState State);

/// <summary>
/// The latest position and state of every officer heard from, fed by the broadcaster from the
/// position feed; it answers console snapshots (on connect, on a new viewport) and the officer
/// panel. Updates are compare-and-swap, so the state sweeper never overwrites a newer position.
/// </summary>
public sealed class LiveOfficerTracker
{
    private readonly ConcurrentDictionary<long, TrackedOfficer> _officers = new();

    public int Count => _officers.Count;

    public TrackedOfficer? Find(long officerId) => _officers.TryGetValue(officerId, out var officer) ? officer : null;

    public IEnumerable<TrackedOfficer> All => _officers.Values;

    /// <summary>Records the position when it is newer than the one held; false for an older or equal one.</summary>
    public bool TryUpdate(OfficerPosition position, LiveState state)
    {
        var next = new TrackedOfficer(position, state);
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

    /// <summary>Re-classifies every officer at <paramref name="now"/>; returns those whose state changed.</summary>
    public List<TrackedOfficer> Sweep(DateTimeOffset now, TimeSpan staleAfter, TimeSpan offlineAfter)
    {
        var changed = new List<TrackedOfficer>();
        foreach (var (id, current) in _officers)
        {
            var state = LiveStates.Classify(current.Position.Time, now, staleAfter, offlineAfter);
            if (state == current.State)
            {
                continue;
            }

            var next = current with { State = state };
            // Loses to a concurrent newer position, which carries its own state.
            if (_officers.TryUpdate(id, next, current))
            {
                changed.Add(next);
            }
        }

        return changed;
    }
}
