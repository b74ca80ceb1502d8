namespace GridMap.Domain.Live;

/// <summary>
/// The outbox of one console: at most one pending value per key (a newer value replaces the
/// older one, so a slow reader gets fresher data, never a longer queue), and a key is handed out
/// at most once per <c>minInterval</c>. Bounded: past <c>capacity</c> pending keys the oldest
/// pending one is dropped. Writers (the fan-out) never wait; the one reader takes what is due.
/// Thread-safe.
/// </summary>
public sealed class CoalescingBuffer<TKey, TValue>(TimeSpan minInterval, int capacity)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<Pending>> _pending = [];
    private readonly LinkedList<Pending> _order = new();
    private readonly Dictionary<TKey, DateTimeOffset> _lastTaken = [];
    private long _dropped;

    public TimeSpan MinInterval { get; } = minInterval;

    public int Capacity { get; } = Math.Max(1, capacity);

    /// <summary>Values dropped because the buffer was full (replacements are not drops).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Adds or replaces the pending value of <paramref name="key"/>; true when it was not pending before.</summary>
    public bool Offer(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(key, out var node))
            {
                // Keeps its place in line: replacing must not let a busy key starve the others.
                node.Value = node.Value with { Value = value };
                return false;
            }

            if (_pending.Count >= Capacity && _order.First is { } oldest)
            {
                _order.RemoveFirst();
                _pending.Remove(oldest.Value.Key);
                Interlocked.Increment(ref _dropped);
            }

            _pending[key] = _order.AddLast(new Pending(key, value));
            return true;
        }
    }

    /// <summary>Removes and returns up to <paramref name="max"/> values whose key may be sent at <paramref name="now"/>, oldest first.</summary>
    public List<TValue> TakeDue(DateTimeOffset now, int max = int.MaxValue)
    {
        var due = new List<TValue>();
        lock (_gate)
        {
            var node = _order.First;
            while (node is not null && due.Count < max)
            {
                var next = node.Next;
                var key = node.Value.Key;
                if (!_lastTaken.TryGetValue(key, out var last) || now - last >= MinInterval)
                {
                    due.Add(node.Value.Value);
                    _lastTaken[key] = now;
                    _order.Remove(node);
                    _pending.Remove(key);
                }

                node = next;
            }

            // Only keys taken within the interval matter; older entries would only grow the map.
            if (_lastTaken.Count > 2 * Capacity)
            {
                foreach (var stale in _lastTaken.Where(e => now - e.Value >= MinInterval).Select(e => e.Key).ToList())
                {
                    _lastTaken.Remove(stale);
                }
            }
        }

        return due;
    }

    /// <summary>How long until the next pending value is due: zero when one is due now, null when nothing is pending.</summary>
    public TimeSpan? NextDueIn(DateTimeOffset now)
    {
        lock (_gate)
        {
            TimeSpan? soonest = null;
            foreach (var pending in _order)
            {
                var wait = _lastTaken.TryGetValue(pending.Key, out var last) ? last + MinInterval - now : TimeSpan.Zero;
                if (wait <= TimeSpan.Zero)
                {
                    return TimeSpan.Zero;
                }

                if (soonest is null || wait < soonest)
                {
                    soonest = wait;
                }
            }

            return soonest;
        }
    }

    private sealed record Pending(TKey Key, TValue Value);
}
