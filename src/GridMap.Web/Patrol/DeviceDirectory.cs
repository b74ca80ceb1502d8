using System.Collections.Concurrent;
using GridMap.Data.Patrol;
using GridMap.Domain.Patrol;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Patrol;

/// <summary>
/// The active devices in memory, so that ingest authenticates a phone without a query. It is
/// read in full at start and every <see cref="PatrolOptions.DeviceRefreshInterval"/> (changes
/// made by another process show within that time), changed at once by this process's own
/// registrations and revocations, and asked of the database on a miss (a device registered
/// elsewhere a moment ago works immediately). Misses are remembered for a few seconds so that a
/// misconfigured phone does not cost a query per request.
/// </summary>
public sealed class DeviceDirectory(
    DeviceStore store,
    TimeProvider time,
    IOptions<PatrolOptions> options,
    ILogger<DeviceDirectory> logger)
{
    private sealed record Snapshot(
        IReadOnlyDictionary<string, ActiveDevice> ById,
        IReadOnlyDictionary<string, ActiveDevice> ByTokenHash)
    {
        public static readonly Snapshot Empty = new(
            new Dictionary<string, ActiveDevice>(StringComparer.Ordinal),
            new Dictionary<string, ActiveDevice>(StringComparer.Ordinal));

        public static Snapshot Of(IEnumerable<ActiveDevice> devices)
        {
            var list = devices.ToList();
            return new Snapshot(
                list.ToDictionary(d => d.DeviceId, StringComparer.Ordinal),
                list.ToDictionary(d => Convert.ToHexString(d.TokenHash), StringComparer.Ordinal));
        }
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _misses = new(StringComparer.Ordinal);
    private volatile Snapshot _snapshot = Snapshot.Empty;

    public int Count => _snapshot.ById.Count;

    /// <summary>Re-reads every active device.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var devices = await store.LoadActiveAsync(cancellationToken);
            _snapshot = Snapshot.Of(devices);
            _misses.Clear();
            logger.LogDebug("Loaded {Count} active devices", devices.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The active device with this id, or null (unknown or revoked).</summary>
    public ValueTask<ActiveDevice?> FindByIdAsync(string deviceId, CancellationToken cancellationToken) =>
        _snapshot.ById.TryGetValue(deviceId, out var device)
            ? ValueTask.FromResult<ActiveDevice?>(device)
            : new ValueTask<ActiveDevice?>(MissAsync("id:" + deviceId, () => store.FindActiveByIdAsync(deviceId, cancellationToken)));

    /// <summary>The active device holding this token, or null.</summary>
    public ValueTask<ActiveDevice?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        var hash = DeviceTokens.Hash(token);
        var key = Convert.ToHexString(hash);
        return _snapshot.ByTokenHash.TryGetValue(key, out var device)
            ? ValueTask.FromResult<ActiveDevice?>(device)
            : new ValueTask<ActiveDevice?>(MissAsync("token:" + key, () => store.FindActiveByTokenHashAsync(hash, cancellationToken)));
    }

    /// <summary>Records a registration or rotation made by this process (already committed).</summary>
    public Task PutAsync(ActiveDevice device, CancellationToken cancellationToken) =>
        ChangeAsync(current => current.Where(d => d.DeviceId != device.DeviceId).Append(device), cancellationToken);

    /// <summary>Records a revocation made by this process (already committed).</summary>
    public Task RemoveAsync(string deviceId, CancellationToken cancellationToken) =>
        ChangeAsync(current => current.Where(d => d.DeviceId != deviceId), cancellationToken);

    private async Task<ActiveDevice?> MissAsync(string key, Func<Task<ActiveDevice?>> lookup)
    {
        var now = time.GetUtcNow();
        if (_misses.TryGetValue(key, out var until) && until > now)
        {
            return null;
        }

        var device = await lookup();
        if (device is null)
        {
            if (_misses.Count > 10_000)
            {
                // A flood of made-up ids or tokens must not grow the cache without bound.
                _misses.Clear();
            }

            _misses[key] = now + options.Value.UnknownDeviceCacheTime;
            return null;
        }

        await ChangeAsync(current => current.Where(d => d.DeviceId != device.DeviceId).Append(device), CancellationToken.None);
        return device;
    }

    // Serialised with reloads, so a reload that read the table before this change cannot
    // install its older picture after it.
    private async Task ChangeAsync(Func<IEnumerable<ActiveDevice>, IEnumerable<ActiveDevice>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _snapshot = Snapshot.Of(change(_snapshot.ById.Values));
            _misses.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }
}
