using GridMap.Data.Patrol;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridMap.Web.Patrol;

/// <summary>What one maintenance pass did.</summary>
public sealed record RetentionResult(int PartitionsCreated, IReadOnlyList<string> PartitionsDropped);

/// <summary>
/// Creates the daily partitions of the next days and drops those older than
/// <see cref="PatrolOptions.RetentionDays"/> (a day is dropped once all of it is older).
/// </summary>
public sealed class PositionRetention(PositionPartitions partitions, TimeProvider time, IOptions<PatrolOptions> options, ILogger<PositionRetention> logger)
{
    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var created = await partitions.EnsureAsync(today, today.AddDays(options.Value.PartitionDaysAhead), cancellationToken);
        var dropped = await partitions.DropBeforeAsync(today.AddDays(-options.Value.RetentionDays), cancellationToken);
        if (created > 0 || dropped.Count > 0)
        {
            logger.LogInformation("Position partitions: {Created} created, {Dropped} dropped ({Names}); retention {Days} days",
                created, dropped.Count, string.Join(", ", dropped), options.Value.RetentionDays);
        }

        return new RetentionResult(created, dropped);
    }
}

/// <summary>Runs <see cref="PositionRetention"/> at start and every <see cref="PatrolOptions.MaintenanceInterval"/>.</summary>
public sealed class PositionRetentionService(
    PositionRetention retention,
    TimeProvider time,
    IOptions<PatrolOptions> options,
    ILogger<PositionRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await retention.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Position partition maintenance failed; retrying at the next interval");
            }

            try
            {
                await Task.Delay(options.Value.MaintenanceInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
