namespace GridMap.Web.Services;

/// <summary>
/// The loop of the watchers (deadlines, re-inspections, department notifications): one pass now,
/// then one every interval on the TimeProvider's clock, until the host stops. A failed pass (the
/// database restarting, say) is logged and the next one runs; only cancellation ends the loop.
/// </summary>
public static class PeriodicPass
{
    public static async Task RunAsync(
        string name, bool enabled, TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> pass, ILogger logger,
        CancellationToken stoppingToken)
    {
        if (!enabled || interval <= TimeSpan.Zero)
        {
            logger.LogInformation("{Pass} disabled", name);
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Pass} pass failed", name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
