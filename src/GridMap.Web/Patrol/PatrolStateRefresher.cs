using Microsoft.Extensions.Options;
using Npgsql;

namespace GridMap.Web.Patrol;

/// <summary>
/// Loads the device directory and the live registry before the server takes requests, then
/// re-reads them periodically (changes made by other processes, officers reassigned).
/// </summary>
public sealed class PatrolStateRefresher(
    DeviceDirectory devices,
    LiveOfficerRegistry registry,
    TimeProvider time,
    IOptions<PatrolOptions> options,
    ILogger<PatrolStateRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Hosted services start before the server listens, so the first request already finds
        // every device and every officer's last position.
        await devices.ReloadAsync(cancellationToken);
        await registry.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextOfficers = time.GetUtcNow() + options.Value.OfficerRefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.DeviceRefreshInterval, time, stoppingToken);
                await devices.ReloadAsync(stoppingToken);
                if (time.GetUtcNow() >= nextOfficers)
                {
                    await registry.LoadAsync(stoppingToken);
                    nextOfficers = time.GetUtcNow() + options.Value.OfficerRefreshInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Refreshing devices and officers failed; keeping the previous state");
            }
        }
    }
}
