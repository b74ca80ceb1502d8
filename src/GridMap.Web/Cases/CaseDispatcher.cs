using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Dispatch;
using GridMap.Domain.Grids;
using GridMap.Domain.Live;
using GridMap.Web.Live;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Cases;

/// <summary>Where a report is: its third-level grid and any other grid within the flag distance.</summary>
public sealed record CaseLocationResult(string GridCode, IReadOnlyList<string> FlaggedNeighbours);

/// <summary>
/// Point → grid → responsible person. The grid comes from the in-memory locator (the same one
/// the geofence uses, kept in step with data_version); the person from the assignments and the
/// shift table at "now" in the district's zone (<see cref="ShiftClock"/>, from the TimeProvider).
/// </summary>
public sealed class CaseDispatcher(
    GridLocatorSource locators,
    DispatchRepository dispatch,
    ShiftClock shifts,
    IOptions<CaseApiOptions> options)
{
    public static readonly CaseActor Actor = CaseActor.System("dispatch", "自动派遣");

    /// <summary>The containing third-level grid, or null outside every grid of the district.</summary>
    public async Task<CaseLocationResult?> LocateAsync(double lat, double lon, CancellationToken cancellationToken)
    {
        var locator = await locators.EnsureLoadedAsync(cancellationToken);
        if (locator.Locate(lon, lat) is not { } code)
        {
            return null;
        }

        // Only the exact containment decides; the neighbour check is a flag for a person, so it
        // can afford a PostGIS query on geography (metres) instead of the in-memory index.
        var neighbours = options.Value.BoundaryFlagMetres > 0
            ? await dispatch.NeighboursAsync(code, lat, lon, options.Value.BoundaryFlagMetres, cancellationToken)
            : [];
        return new CaseLocationResult(code, neighbours);
    }

    public async Task<DispatchChoice?> ChooseAsync(string gridCode, CancellationToken cancellationToken)
    {
        var grid = GridCode.Parse(gridCode);
        var today = DateOnly.FromDateTime(shifts.ToLocal(shifts.Now).DateTime);
        var candidates = await dispatch.CandidatesAsync(DispatchRule.GridsToAsk(grid), today, cancellationToken);
        var now = shifts.Now;
        return DispatchRule.Choose(grid, candidates, shift => shifts.IsOnShift(shift, now));
    }

    /// <summary>
    /// The dispatch action for a rule's choice, as the system; its note records the rule and any
    /// flagged neighbours. Departments stay as filed (the sub-category's defaults), and the
    /// DepartmentNotifier tells them once the dispatch event is committed.
    /// </summary>
    public CaseCommand CommandFor(DispatchChoice choice, IReadOnlyList<string> flaggedNeighbours)
    {
        // The rule itself is recorded as the event's rule; the note only says what a person must
        // check, in both languages.
        var grids = string.Join(", ", flaggedNeighbours);
        var note = flaggedNeighbours.Count == 0
            ? null
            : $"距网格 {grids} 边界不足 {options.Value.BoundaryFlagMetres:0.#} 米，请确认所属网格 / within {options.Value.BoundaryFlagMetres:0.#} m of grid(s) {grids} (flagged: confirm the grid)";
        return new CaseCommand(CaseAction.Dispatch, Actor)
        {
            AssigneeOfficerId = choice.OfficerId,
            Rule = choice.Rule,
            Note = note,
        };
    }
}
