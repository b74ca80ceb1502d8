using GridMap.Domain.Grids;
using GridMap.Domain.Live;

namespace GridMap.Domain.Cases.Dispatch;

/// <summary>An officer assigned to a grid, with the shift of that assignment.</summary>
public sealed record DispatchCandidate(long OfficerId, string Name, string GridCode, string Role, ShiftWindow Shift);

/// <summary>Who automatic dispatch chose, and the rule that chose them (recorded in the event).</summary>
public sealed record DispatchChoice(long OfficerId, string Name, string GridCode, string Rule);

/// <summary>
/// 定人定责: a case goes to the grid officer of its third-level grid who is on shift now; when
/// none is, to the leader of the second-level grid, then of the first-level grid (leaders are
/// reachable off shift: they answer for the grid, which is why they are the fallback).
/// Ties go to the lowest officer id so the choice is repeatable.
/// </summary>
public static class DispatchRule
{
    public const string OnShiftOfficer = "rule: on-shift grid officer";

    public static string LeaderRule(int level) => $"rule: level-{level} grid leader (no grid officer on shift)";

    /// <summary>The grid level of a <see cref="LeaderRule"/>, or null for any other rule.</summary>
    public static int? LeaderLevelOf(string rule)
    {
        for (var level = 1; level <= 2; level++)
        {
            if (rule == LeaderRule(level))
            {
                return level;
            }
        }

        return null;
    }

    /// <summary>The grids whose assignments matter for a case in <paramref name="caseGrid"/>: itself and its ancestors.</summary>
    public static IReadOnlyList<string> GridsToAsk(GridCode caseGrid)
    {
        var grids = new List<string> { caseGrid.Value };
        for (var g = caseGrid.Parent; g is { } parent; g = parent.Parent)
        {
            grids.Add(parent.Value);
        }

        return grids;
    }

    public static DispatchChoice? Choose(GridCode caseGrid, IEnumerable<DispatchCandidate> candidates, Func<ShiftWindow, bool> isOnShift)
    {
        var all = candidates.OrderBy(c => c.OfficerId).ToList();
        var officer = all.FirstOrDefault(c => c.Role == "grid_officer" && c.GridCode == caseGrid.Value && isOnShift(c.Shift));
        if (officer is not null)
        {
            return new DispatchChoice(officer.OfficerId, officer.Name, officer.GridCode, OnShiftOfficer);
        }

        for (var g = caseGrid.Parent; g is { } parent; g = parent.Parent)
        {
            var leader = all.FirstOrDefault(c => c.Role == "grid_leader" && c.GridCode == parent.Value);
            if (leader is not null)
            {
                return new DispatchChoice(leader.OfficerId, leader.Name, leader.GridCode, LeaderRule((int)parent.Level));
            }
        }

        return null;
    }
}
