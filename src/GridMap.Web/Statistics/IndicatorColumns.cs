using System.Globalization;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Statistics;

public enum IndicatorKind
{
    Count,
    Rate,
    Hours,
    Score,
    Rank,
}

/// <summary>
/// One column of the statistics table and of the monthly CSV: one definition of the heading
/// (resource Statistics_Column_{Id}) and of how a value is read and formatted, so page and CSV agree.
/// </summary>
public sealed record IndicatorColumn(string Id, IndicatorKind Kind, Func<StatisticsGroup, double?> Value)
{
    public string Heading(IStringLocalizer localizer) => localizer[$"Statistics_Column_{Id}"];

    /// <summary>The value as text: rates as percentages with one decimal, "" when undefined.</summary>
    public string Format(StatisticsGroup group) => Format(Value(group), Kind);

    public static string Format(double? value, IndicatorKind kind) => value is not { } v
        ? ""
        : kind switch
        {
            IndicatorKind.Rate => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            IndicatorKind.Hours or IndicatorKind.Score => v.ToString("0.0", CultureInfo.InvariantCulture),
            _ => v.ToString("0", CultureInfo.InvariantCulture),
        };
}

public static class IndicatorColumns
{
    public static readonly IReadOnlyList<IndicatorColumn> Common =
    [
        new("filed", IndicatorKind.Count, g => g.Indicators.Filed),
        new("cancelled", IndicatorKind.Count, g => g.Indicators.Cancelled),
        new("closed", IndicatorKind.Count, g => g.Indicators.Closed),
        new("closureRate", IndicatorKind.Rate, g => g.Indicators.ClosureRate),
        new("onTimeClosureRate", IndicatorKind.Rate, g => g.Indicators.OnTimeClosureRate),
        new("accurateFilingRate", IndicatorKind.Rate, g => g.Indicators.AccurateFilingRate),
        new("onTimeVerificationRate", IndicatorKind.Rate, g => g.Indicators.OnTimeVerificationRate),
        new("accurateDispatchRate", IndicatorKind.Rate, g => g.Indicators.AccurateDispatchRate),
        new("onTimeHandlingRate", IndicatorKind.Rate, g => g.Indicators.OnTimeHandlingRate),
        new("onTimeCheckRate", IndicatorKind.Rate, g => g.Indicators.OnTimeCheckRate),
        new("reworkCount", IndicatorKind.Count, g => g.Indicators.ReworkCount),
        new("reworkRate", IndicatorKind.Rate, g => g.Indicators.ReworkRate),
        new("meanHandlingHours", IndicatorKind.Hours, g => g.Indicators.MeanHandlingHours),
        new("overdue", IndicatorKind.Count, g => g.Indicators.Overdue),
        new("escalations", IndicatorKind.Count, g => g.Indicators.Escalations),
        new("rectificationRate", IndicatorKind.Rate, g => g.Indicators.RectificationRate),
        new("missedReportRate", IndicatorKind.Rate, g => g.Indicators.MissedReportRate),
    ];

    public static readonly IReadOnlyList<IndicatorColumn> Reporting =
    [
        new("reports", IndicatorKind.Count, g => g.Reports),
        new("validReportRate", IndicatorKind.Rate, g => g.ValidReportRate),
    ];

    public static readonly IndicatorColumn Score = new("score", IndicatorKind.Score, g => g.Score);

    public static readonly IndicatorColumn Rank = new("rank", IndicatorKind.Rank, g => g.Rank);

    /// <summary>The indicator columns for a grouping, score and rank last.</summary>
    public static IReadOnlyList<IndicatorColumn> For(StatisticsGrouping by) =>
        [.. by == StatisticsGrouping.Reporter ? Reporting : [], .. Common, Score, Rank];

    /// <summary>The headings of the group's code and name columns.</summary>
    public static (string Code, string Name) GroupHeadings(StatisticsGrouping by, IStringLocalizer localizer) =>
        (localizer[$"Statistics_GroupCode_{by.ToCode()}"], localizer[$"Statistics_GroupName_{by.ToCode()}"]);
}
