using GridMap.Data.Live;
using GridMap.Domain.Grids;

namespace GridMap.Web.Live;

/// <summary>
/// The current <see cref="GridLocator"/> (point → third-level grid), shared by the geofence and,
/// later, case dispatch. Reloaded from PostGIS by <see cref="LiveReferenceRefresher"/> when
/// data_version moves (a boundary import or publish bumps it).
/// </summary>
public sealed class GridLocatorSource(LiveRepository repository, ILogger<GridLocatorSource> logger)
{
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private GridLocator? _current;

    /// <summary>The locator of the last load; <see cref="GridLocator.Empty"/> before the first.</summary>
    public GridLocator Current => Volatile.Read(ref _current) ?? GridLocator.Empty;

    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    public async Task<GridLocator> EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } current)
        {
            return current;
        }

        await LoadAsync(0, cancellationToken);
        return Current;
    }

    public async Task LoadAsync(long dataVersion, CancellationToken cancellationToken)
    {
        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var boundaries = await repository.LoadThirdLevelBoundariesAsync(cancellationToken);
            var locator = new GridLocator(boundaries, dataVersion);
            Volatile.Write(ref _current, locator);
            logger.LogInformation("Grid locator: {Grids} third-level grids indexed at data version {Version} in {Elapsed} ms",
                locator.Count, dataVersion, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0"));
        }
        finally
        {
            _loadGate.Release();
        }
    }
}
