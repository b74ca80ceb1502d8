using System.Globalization;
using System.Security.Claims;
using GridMap.Data.Buildings;
using GridMap.Data.Cases;
using GridMap.Data.Grids;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Dispatch;
using GridMap.Domain.Grids;
using GridMap.Domain.Live;
using GridMap.Web.Live;
using GridMap.Web.Security;

namespace GridMap.Web.Worklist;

/// <summary>
/// Reads what the case panel shows, in the viewer's scope: the case with its timeline and photos,
/// the grid's name, the building's address, officer names, and, when dispatch or reassign is
/// offered, the officers of the case's grid and its parents with who is on shift now.
/// </summary>
public sealed class CasePanelReader(
    CaseRepository cases,
    GridRepository grids,
    BuildingRepository buildings,
    DispatchRepository dispatch,
    TaxonomyRepository taxonomy,
    WorkingCalendarSource calendars,
    OfficerDirectory officers,
    ShiftClock shifts,
    TimeProvider time)
{
    /// <summary>The viewer as the workflow sees them (role and officer record).</summary>
    public static CaseActor ViewerOf(ClaimsPrincipal user)
    {
        var id = long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "0", CultureInfo.InvariantCulture);
        long? officer = long.TryParse(user.FindFirstValue(GridMapClaims.OfficerId), CultureInfo.InvariantCulture, out var o) ? o : null;
        return CaseActor.User(id, user.GetRole() ?? UserRole.Official, officer, user.GetDisplayName());
    }

    /// <summary>The panel of case <paramref name="id"/>, or null when it is unknown or outside the viewer's grids.</summary>
    public async Task<CasePanelModel?> ReadAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        var detail = await cases.GetAsync(user.GetGridScope(), id, cancellationToken);
        return detail is null ? null : await BuildAsync(user, detail, cancellationToken);
    }

    public async Task<CasePanelModel> BuildAsync(ClaimsPrincipal user, CaseDetail detail, CancellationToken cancellationToken)
    {
        var scope = user.GetGridScope();
        var viewer = ViewerOf(user);
        await officers.EnsureLoadedAsync(cancellationToken);
        var calendar = await calendars.GetAsync(cancellationToken);
        var grid = await grids.GetAsync(scope, detail.GridCode, cancellationToken);
        var building = detail.BuildingId is { } buildingId ? await buildings.GetAsync(scope, buildingId, cancellationToken) : null;
        var departments = (await taxonomy.ListDepartmentsAsync(includeRetired: true, cancellationToken))
            .ToDictionary(d => d.Code, d => (d.NameZh, d.NameEn));

        var names = new Dictionary<long, string>();
        foreach (var officerId in detail.Timeline.Select(e => e.AssigneeOfficerId).Append(detail.Status.AssigneeOfficerId).OfType<long>().Distinct())
        {
            if (officers.Find(officerId) is { } info)
            {
                names[officerId] = info.Name;
            }
        }

        var actions = CasePanelActions.For(detail.Status, viewer);
        IReadOnlyList<CaseOfficerChoice> choices = [];
        if (actions.Any(a => a is CaseAction.Dispatch or CaseAction.Reassign))
        {
            choices = await OfficersForAsync(detail, cancellationToken);
        }

        return new CasePanelModel
        {
            Case = detail,
            Viewer = viewer,
            Now = time.GetUtcNow(),
            Calendar = calendar,
            NearingFraction = calendars.NearingFraction,
            GridName = grid?.Summary.Name,
            BuildingAddress = building?.Address,
            OfficerNames = names,
            Departments = departments,
            Officers = choices,
        };
    }

    /// <summary>
    /// The grid officers and leaders assigned to the case's grid and its parents (the people
    /// automatic dispatch chooses from), on-shift ones first; the current assignee is left out
    /// (a reassignment goes to someone else).
    /// </summary>
    private async Task<IReadOnlyList<CaseOfficerChoice>> OfficersForAsync(CaseDetail detail, CancellationToken cancellationToken)
    {
        var grid = GridCode.Parse(detail.GridCode);
        var now = shifts.Now;
        var today = DateOnly.FromDateTime(shifts.ToLocal(now).DateTime);
        var candidates = await dispatch.CandidatesAsync(DispatchRule.GridsToAsk(grid), today, cancellationToken);
        return candidates
            .Where(c => c.OfficerId != detail.Status.AssigneeOfficerId)
            .GroupBy(c => c.OfficerId)
            .Select(g =>
            {
                // The deepest assignment names the officer's grid; any on-shift assignment counts.
                var first = g.OrderByDescending(c => c.GridCode.Length).First();
                return new CaseOfficerChoice(g.Key, first.Name, first.GridCode, first.Role, g.Any(c => shifts.IsOnShift(c.Shift, now)));
            })
            .OrderByDescending(c => c.OnShift)
            .ThenByDescending(c => c.GridCode.Length)
            .ThenBy(c => c.OfficerId)
            .ToList();
    }
}
