using GridMap.Data.Rectification;
using GridMap.Domain.Access;
using GridMap.Domain.Grids;
using GridMap.Web.Live;
using Microsoft.AspNetCore.SignalR;
using GridMap.Web.Services;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Rectification;

/// <summary>The re-inspection watcher (section "Rectification:Watcher").</summary>
public sealed class ReinspectionWatcherOptions
{
    public const string SectionName = "Rectification:Watcher";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Due re-inspections looked at per pass, most overdue first.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// A due re-inspection as consoles receive it ("reinspections" messages on the live hub, a
/// list per message), sent once when it falls due, only to consoles whose scope includes its grid.
/// </summary>
public sealed record LiveReinspectionMessage(
    long Id, long CaseId, string CaseNumber, long NoticeId, string NoticeNumber, string GridCode, int Round, DateTimeOffset DueAt);

/// <summary>What one pass of the watcher did.</summary>
public sealed record ReinspectionPassResult(int Due, int Announced);

/// <summary>
/// Finds re-inspections that have fallen due and announces each once: a log line and a
/// "reinspections" push to the consoles that may see its grid. The database decides "once"
/// (reinspection_reminder), so two instances never announce the same visit twice. "Now" is the
/// TimeProvider's, so tests move time and call <see cref="RunOnceAsync"/>.
/// </summary>
public sealed class ReinspectionWatcher(
    RectificationRepository notices,
    ConsoleSessions sessions,
    IHubContext<LiveHub> hub,
    IOptions<ReinspectionWatcherOptions> options,
    TimeProvider time,
    ILogger<ReinspectionWatcher> logger) : BackgroundService
{
    public const string MessageName = "reinspections";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync("Re-inspection watcher", options.Value.Enabled, options.Value.Interval, time, RunOnceAsync, logger, stoppingToken);

    public async Task<ReinspectionPassResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await notices.ListDueAsync(GridScope.Everything, Math.Clamp(options.Value.BatchSize, 1, 1000), cancellationToken);
        var claimed = await notices.ClaimRemindersAsync(due.Select(r => r.Id).ToList(), cancellationToken);
        var messages = due.Where(r => claimed.Contains(r.Id))
            .Select(r => new LiveReinspectionMessage(r.Id, r.CaseId, r.CaseNumber, r.NoticeId, r.NoticeNumber, r.GridCode, r.Round, r.DueAt))
            .ToList();
        foreach (var m in messages)
        {
            logger.LogInformation("Re-inspection {Id} (round {Round}) of notice {Notice}, case {Case} in grid {Grid}, is due since {Due:u}",
                m.Id, m.Round, m.NoticeNumber, m.CaseNumber, m.GridCode, m.DueAt);
        }

        if (messages.Count > 0)
        {
            await PushAsync(messages, cancellationToken);
        }

        return new ReinspectionPassResult(due.Count, messages.Count);
    }

    private async Task PushAsync(IReadOnlyList<LiveReinspectionMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var session in sessions.Current)
        {
            var visible = messages.Where(m => GridCode.TryParse(m.GridCode, out var grid) && session.Scope.Includes(grid)).ToList();
            if (visible.Count == 0)
            {
                continue;
            }

            try
            {
                await hub.Clients.Client(session.ConnectionId).SendAsync(MessageName, visible, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A console that just went away must not stop the others from hearing about it.
                logger.LogDebug(ex, "Re-inspection push to {Connection} failed", session.ConnectionId);
            }
        }
    }
}
