using GridMap.Data.Tiles;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Tiles;

/// <summary>
/// The current value of data_version, which every change to what tiles show bumps (imports,
/// loads, boundary publishes, possibly from another process). Tile cache keys and ETags
/// include it, so a bump invalidates both without tracking individual tiles.
/// </summary>
public sealed class DataVersion
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    internal void Set(long value) => Interlocked.Exchange(ref _value, value);
}

/// <summary>Reads data_version at start and then on a short interval.</summary>
public sealed class DataVersionMonitor(
    TileRepository tiles,
    DataVersion version,
    IOptions<TileOptions> options,
    TimeProvider time,
    ILogger<DataVersionMonitor> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        version.Set(await tiles.GetDataVersionAsync(cancellationToken));
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.VersionPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var current = await tiles.GetDataVersionAsync(stoppingToken);
                if (current != version.Value)
                {
                    logger.LogInformation("Data version changed from {Old} to {New}; tile caches invalidated", version.Value, current);
                    version.Set(current);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not read the data version");
            }
        }
    }
}
