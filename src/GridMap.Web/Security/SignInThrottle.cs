using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Security;

/// <summary>Failed sign-in limits (section "SignIn:Throttle").</summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "SignIn:Throttle";

    /// <summary>Failed attempts for one username within <see cref="Window"/> that lock it.</summary>
    public int MaxFailures { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Locks a username for a while after repeated wrong passwords, so that guessing the password of
/// a known account (usernames like leader01 are easy to guess) costs hours, not seconds. It counts
/// per username rather than per address: the console sits behind the city's network address
/// translation, where hundreds of staff share one address. Kept in memory: a restart forgets the
/// counts, which is acceptable for a limit measured in minutes.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider time)
{
    // Bounds the memory an attacker can make the dictionary use with random usernames.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Until when <paramref name="username"/> is locked, or null when it may try.</summary>
    public DateTimeOffset? LockedUntil(string username)
    {
        if (!_failures.TryGetValue(username, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            return failures.LockedUntil is { } until && until > time.GetUtcNow() ? until : null;
        }
    }

    /// <summary>Counts a failed attempt; returns the end of the lockout it starts, if it starts one.</summary>
    public DateTimeOffset? RecordFailure(string username)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > PruneAbove)
        {
            Prune(now);
        }

        var failures = _failures.GetOrAdd(username, _ => new Failures());
        lock (failures)
        {
            failures.Times.RemoveAll(t => t <= now - options.Value.Window);
            failures.Times.Add(now);
            if (failures.Times.Count >= options.Value.MaxFailures)
            {
                failures.Times.Clear();
                failures.LockedUntil = now + options.Value.Lockout;
                return failures.LockedUntil;
            }

            return null;
        }
    }

    public void RecordSuccess(string username) => _failures.TryRemove(username, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (username, failures) in _failures)
        {
            lock (failures)
            {
                if ((failures.LockedUntil is null || failures.LockedUntil <= now) && failures.Times.All(t => t <= now - options.Value.Window))
                {
                    _failures.TryRemove(username, out _);
                }
            }
        }
    }

    private sealed class Failures
    {
        public List<DateTimeOffset> Times { get; } = [];

        public DateTimeOffset? LockedUntil { get; set; }
    }
}
