namespace GridMap.Web.Statistics;

/// <summary>What the statistics are grouped by (the <c>by</c> parameter).</summary>
public enum StatisticsGrouping
{
    Grid1,
    Grid2,
    Grid3,
    Department,
    Officer,
    Reporter,
}

public static class StatisticsGroupings
{
    public static readonly IReadOnlyList<StatisticsGrouping> All = Enum.GetValues<StatisticsGrouping>();

    public static string ToCode(this StatisticsGrouping grouping) => grouping.ToString().ToLowerInvariant();

    public static bool TryParse(string? code, out StatisticsGrouping grouping)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToCode(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                grouping = candidate;
                return true;
            }
        }

        grouping = default;
        return false;
    }

    public static string Codes => string.Join("|", All.Select(g => g.ToCode()));
}
