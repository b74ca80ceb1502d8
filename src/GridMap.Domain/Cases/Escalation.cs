using GridMap.Domain.Grids;

namespace GridMap.Domain.Cases;

/// <summary>Who an escalation reaches: a grid's leader, or the street command centre (no grid).</summary>
public sealed record EscalationTarget(int Level, GridCode? Grid)
{
    public bool IsCommandCentre => Grid is null;

    public string Describe() => Grid is { } grid ? $"leader of grid {grid.Value}" : "street command centre";
}

/// <summary>
/// "小事不出网格，大事不出街道": an overdue case climbs the grid levels one step at a time,
/// from the third-level grid it is in to the second-level grid leader (1), the first-level
/// (village/community) grid leader (2), and the street command centre (3).
/// </summary>
public static class Escalation
{
    public const int MaxLevel = 3;

    public static EscalationTarget Target(GridCode caseGrid, int level)
    {
        if (level is < 1 or > MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Escalation levels are 1 to 3.");
        }

        // Ancestors nearest first; a case filed on a second-level grid skips a step, it never
        // escalates to the grid it is already in.
        var ancestors = new List<GridCode>();
        for (var grid = caseGrid.Parent; grid is { } g; grid = g.Parent)
        {
            ancestors.Add(g);
        }

        return level <= ancestors.Count && level < MaxLevel
            ? new EscalationTarget(level, ancestors[level - 1])
            : new EscalationTarget(level, null);
    }

    /// <summary>
    /// The level a case should have reached once <paramref name="fractionElapsed"/> of its running
    /// limit is used: 0 while within the limit, then one level per threshold passed.
    /// </summary>
    public static int DueLevel(double fractionElapsed, EscalationOptions options)
    {
        var level = 0;
        foreach (var threshold in options.Thresholds.Take(MaxLevel))
        {
            if (fractionElapsed > threshold)
            {
                level++;
            }
        }

        return level;
    }
}

/// <summary>When the deadline watcher escalates (section "Cases:Escalation").</summary>
public sealed class EscalationOptions
{
    /// <summary>
    /// Fractions of the running limit after which levels 1, 2 and 3 are due: past the deadline,
    /// half a limit later, a whole limit later (measured on the limit's own clock).
    /// </summary>
    public double[] Thresholds { get; set; } = [1.0, 1.5, 2.0];
}
