using Microsoft.Extensions.Options;
using Npgsql;

namespace GridMap.Web.Patrol;

/// <summary>
/// Loads the device directory before the server takes requests, then re-reads it periodically
/// (registrations and revocations made by other processes). The officers' latest state is the
/// live layer's (<see cref="GridMap.Domain.Live.LiveOfficerTracker"/>).
/// </summary>
public sealed class PatrolStateRefresher(
    DeviceDirectory devices,
    TimeProvider time,
    IOptions<PatrolOptions> options,
    ILogger<PatrolStateRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Hosted services start before the server listens, so the first request already finds
        // every device.
        await devices.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.DeviceRefreshInterval, time, stoppingToken);
                await devices.ReloadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Refreshing devices failed; keeping the previous state");
            }
        }
    }
}
