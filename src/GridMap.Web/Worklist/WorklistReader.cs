using System.Security.Claims;
using GridMap.Data.Cases;
using GridMap.Data.Grids;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web.Live;
using GridMap.Web.Security;

namespace GridMap.Web.Worklist;

/// <summary>One page of the worklist with the counts per state and what its rows need to render.</summary>
public sealed record WorklistModel
{
    public required WorklistFilter Filter { get; init; }

    public required CasePage Page { get; init; }

    /// <summary>Open cases per state under the filters other than the state.</summary>
    public required IReadOnlyDictionary<CaseState, int> Counts { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required WorkingCalendar Calendar { get; init; }

    public double NearingFraction { get; init; } = DeadlineStatus.DefaultNearingFraction;

    public IReadOnlyDictionary<long, string> OfficerNames { get; init; } = new Dictionary<long, string>();

    /// <summary>Names of the grids on this page: people read grid names, with the code as secondary text.</summary>
    public IReadOnlyDictionary<string, string> GridNames { get; init; } = new Dictionary<string, string>();


    public int Pages => Math.Max(1, (Page.Total + WorklistFilter.PageSize - 1) / WorklistFilter.PageSize);

    public DeadlineStatus? DeadlineOf(CaseSummary c) =>
        c is { StageStartedAt: { } start, Deadline: { } deadline, StageLimit: { } limit }
            ? Calendar.Status(start, deadline, limit, Now, NearingFraction)
            : null;
}

/// <summary>Reads the worklist in the viewer's scope: one SQL page plus the per-state counts.</summary>
public sealed class WorklistReader(
    CaseRepository cases, GridRepository grids, WorkingCalendarSource calendars, OfficerDirectory officers, TimeProvider time)
{
    /// <summary>Grid leaders, the command centre and admins work cases; officers have /m, officials read statistics.</summary>
    public static bool MayUse(ClaimsPrincipal user) =>
        user.GetRole() is UserRole.GridLeader or UserRole.Command or UserRole.Admin;

    /// <summary>Pages of an export: the largest page the list query serves.</summary>
    public const int ExportPageSize = CaseListQuery.MaxLimit;

    public Task<WorklistModel> ReadAsync(ClaimsPrincipal user, WorklistFilter filter, CancellationToken cancellationToken) =>
        ReadAsync(user, filter, WorklistFilter.PageSize, withCounts: true, cancellationToken);

    /// <summary>
    /// One page; <paramref name="withCounts"/> adds the per-state counts of the tabs (an export
    /// reading page after page has no tabs, so it skips that query).
    /// </summary>
    public async Task<WorklistModel> ReadAsync(
        ClaimsPrincipal user, WorklistFilter filter, int pageSize, bool withCounts, CancellationToken cancellationToken)
    {
        var scope = user.GetGridScope();
        var now = time.GetUtcNow();
        var calendar = await calendars.GetAsync(cancellationToken);
        var query = filter.ToQuery(now, calendar.Zone, pageSize);
        var page = await cases.ListPageAsync(scope, query, cancellationToken);
        var counts = withCounts ? await cases.CountByStateAsync(scope, query, cancellationToken) : new Dictionary<CaseState, int>();
        await officers.EnsureLoadedAsync(cancellationToken);
        var names = page.Items.Select(c => c.AssigneeOfficerId).OfType<long>().Distinct()
            .Select(id => (id, officers.Find(id)?.Name))
            .Where(p => p.Name is not null)
            .ToDictionary(p => p.id, p => p.Name!);
        return new WorklistModel
        {
            Filter = filter,
            Page = page,
            Counts = counts,
            Now = now,
            Calendar = calendar,
            NearingFraction = calendars.NearingFraction,
            OfficerNames = names,
            GridNames = await grids.NamesAsync(page.Items.Select(c => c.GridCode), cancellationToken),
        };
    }
}
