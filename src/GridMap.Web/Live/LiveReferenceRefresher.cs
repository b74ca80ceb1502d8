using GridMap.Data.Live;
using GridMap.Domain.Live;
using GridMap.Web.Tiles;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Live;

/// <summary>
/// Keeps the officer directory and the grid locator current: both are loaded before the
/// application takes requests, reloaded when data_version moves (watched through
/// <see cref="DataVersion"/>, which its monitor polls), the directory also on a timer (assignments
/// can change without a map change) and soon after a position from an unknown officer. At start
/// it also reads the officers' latest positions back into <see cref="LiveOfficerTracker"/>.
/// </summary>
public sealed class LiveReferenceRefresher(
    OfficerDirectory directory,
    GridLocatorSource locator,
    LiveOfficerTracker tracker,
    LiveRepository repository,
    DataVersion dataVersion,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<LiveReferenceRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan UnknownOfficerReloadDelay = TimeSpan.FromSeconds(10);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = dataVersion.Value;
        await directory.LoadAsync(version, cancellationToken);
        await locator.LoadAsync(version, cancellationToken);
        await ReadLatestPositionsAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Where everyone was when the process stopped, from ingest's officer_latest.</summary>
    private async Task ReadLatestPositionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latest = await repository.LoadLatestAsync(cancellationToken);
            tracker.Record(latest);
            logger.LogInformation("Live layer: {Count} latest positions read back", latest.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store then fills up as officers report.
            logger.LogWarning(ex, "Could not read the latest positions back");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lastDirectoryLoad = time.GetUtcNow();
        using var timer = new PeriodicTimer(settings.ReferenceCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var version = dataVersion.Value;
                if (locator.Current.Version != version)
                {
                    await locator.LoadAsync(version, stoppingToken);
                }

                var now = time.GetUtcNow();
                var sinceLoad = now - lastDirectoryLoad;
                // An unknown officer triggers a reload, but not more often than every few seconds:
                // a device bound to an officer without assignments would otherwise reload forever.
                var unknownSeen = directory.TakeRefreshRequest() && sinceLoad >= UnknownOfficerReloadDelay;
                if (directory.Version != version || unknownSeen || sinceLoad >= settings.DirectoryRefreshInterval)
                {
                    await directory.LoadAsync(version, stoppingToken);
                    lastDirectoryLoad = now;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh the live layer's officers or grid boundaries");
            }
        }
    }
}
