using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Domain.Grids;
using GridMap.Web.Services;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Cases;

/// <summary>What one pass of the watcher did.</summary>
public sealed record DeadlinePassResult(int Examined, int Warned, int Escalations);

/// <summary>
/// Watches running deadlines: warns the assignee once a stage has used the nearing fraction of
/// its limit, and escalates an overdue case one level per threshold passed (second-level grid
/// leader, first-level grid leader, street command centre). Every step goes through
/// <see cref="CaseRepository.ApplyAsync"/> as the system actor, so it is an event in the timeline
/// (and a <c>case_escalation</c> row) and is pushed to the consoles. "Now" is the TimeProvider's,
/// so tests move time and call <see cref="RunOnceAsync"/>.
/// </summary>
public sealed class CaseDeadlineWatcher(
    CaseRepository cases,
    WorkingCalendarSource calendars,
    IOptions<EscalationOptions> escalation,
    IOptions<CaseWatcherOptions> options,
    CaseFeed feed,
    TimeProvider time,
    ILogger<CaseDeadlineWatcher> logger) : BackgroundService
{
    public static readonly CaseActor Actor = CaseActor.System("deadlines", "时限监控");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync("Case deadline watcher", options.Value.Enabled, options.Value.Interval, time, RunOnceAsync, logger, stoppingToken);

    public async Task<DeadlinePassResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var calendar = await calendars.GetAsync(cancellationToken);
        var workflow = new CaseWorkflow(calendar);
        var open = await cases.ListAsync(GridScope.Everything, new CaseListQuery
        {
            OpenOnly = true,
            Limit = Math.Clamp(options.Value.BatchSize, 1, CaseListQuery.MaxLimit),
        }, cancellationToken);

        int examined = 0, warned = 0, escalations = 0;
        foreach (var summary in open)
        {
            if (summary.Deadline is null)
            {
                continue;
            }

            examined++;
            var detail = await cases.GetAsync(GridScope.Everything, summary.Id, cancellationToken);
            if (detail is null || workflow.DeadlineOf(detail.Status, now, calendars.NearingFraction) is not { } deadline)
            {
                continue;
            }

            var changed = false;
            var alreadyWarned = detail.Status.WarnedAt is { } w && detail.Status.StageStartedAt is { } started && w >= started;
            if (deadline.State != DeadlineState.OnTime && !alreadyWarned)
            {
                // System notes are stored in both languages: the timeline shows them to
                // Chinese- and English-speaking users alike.
                var overdue = deadline.State == DeadlineState.Overdue;
                var local = calendar.ToLocal(deadline.Deadline);
                var note = $"{(overdue ? "已超时" : "临近时限")}：截止 {local:yyyy-MM-dd HH:mm}"
                    + (detail.Status.AssigneeOfficerId is not null ? "，已提醒处置人" : "")
                    + $" / {(overdue ? "overdue" : "nearing the limit")}: deadline {deadline.Deadline:u}"
                    + (detail.Status.AssigneeOfficerId is { } a ? $"; assignee officer {a} warned" : "");
                if (await ApplyAsync(detail, new CaseCommand(CaseAction.Warn, Actor) { Note = note }, cancellationToken) is { } after)
                {
                    detail = after;
                    warned++;
                    changed = true;
                }
            }

            var due = Escalation.DueLevel(deadline.FractionElapsed, escalation.Value);
            while (detail.Status.EscalationLevel < due && detail.Status.EscalationLevel < Escalation.MaxLevel)
            {
                var target = Escalation.Target(GridCode.Parse(detail.GridCode), detail.Status.EscalationLevel + 1);
                var note = $"超时（已用时限 {deadline.FractionElapsed:P0}），升级至{DescribeZh(target)}"
                    + $" / overdue since {deadline.Deadline:u} ({deadline.FractionElapsed:P0} of the limit used): escalated to the {target.Describe()}";
                if (await ApplyAsync(detail, new CaseCommand(CaseAction.Escalate, Actor) { Note = note }, cancellationToken) is not { } after)
                {
                    break;
                }

                detail = after;
                escalations++;
                changed = true;
                logger.LogInformation("Case {Number} escalated to level {Level} ({Target})", detail.Number, detail.Status.EscalationLevel, target.Describe());
            }

            if (changed)
            {
                feed.Publish(detail);
            }
        }

        return new DeadlinePassResult(examined, warned, escalations);
    }

    private async Task<CaseDetail?> ApplyAsync(CaseDetail detail, CaseCommand command, CancellationToken cancellationToken)
    {
        var result = await cases.ApplyAsync(GridScope.Everything, detail.Id, detail.Version, command, cancellationToken);
        if (result.Outcome == CaseWriteOutcome.Applied && result.Case is { } after)
        {
            return after;
        }

        // A conflict means a person acted meanwhile; the next pass looks again.
        logger.LogDebug("Case {Number}: {Action} not applied: {Outcome} {Message}", detail.Number, command.Action, result.Outcome, result.Message);
        return null;
    }

    // The stored note is case-file text written once for every reader, so it names the target in
    // both languages here rather than through the UI culture of whoever happens to read it later.
    private static string DescribeZh(EscalationTarget target) =>
        target.Grid is { } grid ? $"网格 {grid.Value} 的网格长" : "街道指挥中心";
}
