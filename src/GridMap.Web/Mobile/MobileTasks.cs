using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;

namespace GridMap.Web.Mobile;

/// <summary>One of an officer's tasks with where its clock stands (null when no clock runs).</summary>
public sealed record MobileTask(CaseSummary Case, DeadlineStatus? Deadline)
{
    public bool IsOpen => Case.State is not (CaseState.Closed or CaseState.Cancelled);
}

/// <summary>
/// The cases assigned to an officer, as the mobile page and the officer panel show them: open
/// ones first, most urgent deadline first, each with its remaining time and nearing/overdue
/// state on the limit's own clock (working hours count only working time).
/// </summary>
public sealed class MobileTasks(CaseRepository cases, WorkingCalendarSource calendars, TimeProvider time)
{
    public const int MaxTasks = 100;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IReadOnlyList<MobileTask>> ListAsync(GridScope scope, long officerId, bool openOnly, CancellationToken cancellationToken)
    {
        var list = await cases.ListAsync(scope, new CaseListQuery { AssigneeOfficerId = officerId, OpenOnly = openOnly, Limit = MaxTasks }, cancellationToken);
        var calendar = await calendars.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        // The list carries each running clock (start, deadline, limit): no read per task, which
        // matters now that every officer's phone refreshes its list every half minute.
        var tasks = list.Select(c => new MobileTask(c,
            c is { StageStartedAt: { } start, Deadline: { } deadline, StageLimit: { } limit }
                ? calendar.Status(start, deadline, limit, now, calendars.NearingFraction)
                : null)).ToList();

        return tasks
            .OrderBy(t => t.IsOpen ? 0 : 1)
            .ThenBy(t => t.Case.Deadline ?? DateTimeOffset.MaxValue)
            .ThenByDescending(t => t.Case.Id)
            .ToList();
    }

    /// <summary>An officer's open cases in the caller's scope, most urgent deadline first, for the officer panel.</summary>
    public async Task<IReadOnlyList<GridMap.Web.Live.OfficerCaseLine>> CurrentCasesAsync(
        GridScope scope, long officerId, int limit, CancellationToken cancellationToken)
    {
        var list = await cases.ListAsync(scope, new CaseListQuery { AssigneeOfficerId = officerId, OpenOnly = true, Limit = limit }, cancellationToken);
        var now = time.GetUtcNow();
        return list.Select(c => new GridMap.Web.Live.OfficerCaseLine(
            c.Id, c.Number, c.SubcategoryNameZh, c.SubcategoryNameEn, c.State,
            c.Deadline is { } deadline ? ToLocal(deadline) : null, c.IsOverdue(now))).ToList();
    }

    /// <summary>Where a case's clock stands now, in the district's calendar.</summary>
    public async Task<DeadlineStatus?> DeadlineOfAsync(CaseDetail detail, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(cancellationToken);
        return new CaseWorkflow(calendar).DeadlineOf(detail.Status, time.GetUtcNow(), calendars.NearingFraction);
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, calendars.Zone);
}
