using System.Globalization;

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
/// One column of the statistics table and of the monthly CSV: one definition of the headings
/// (Chinese and English) and of how a value is read and formatted, so page and CSV agree.
/// </summary>
public sealed record IndicatorColumn(string Id, string Zh, string En, IndicatorKind Kind, Func<StatisticsGroup, double?> Value)
{
    public string Heading(bool english) => english ? En : Zh;

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
        new("filed", "立案数", "Filed", IndicatorKind.Count, g => g.Indicators.Filed),
        new("cancelled", "作废数", "Cancelled", IndicatorKind.Count, g => g.Indicators.Cancelled),
        new("closed", "结案数", "Closed", IndicatorKind.Count, g => g.Indicators.Closed),
        new("closureRate", "结案率", "Closure rate", IndicatorKind.Rate, g => g.Indicators.ClosureRate),
        new("onTimeClosureRate", "按期结案率", "On-time closure rate", IndicatorKind.Rate, g => g.Indicators.OnTimeClosureRate),
        new("accurateFilingRate", "准确立案率", "Accurate filing rate", IndicatorKind.Rate, g => g.Indicators.AccurateFilingRate),
        new("onTimeVerificationRate", "按期核实率", "On-time verification rate", IndicatorKind.Rate, g => g.Indicators.OnTimeVerificationRate),
        new("accurateDispatchRate", "准确派遣率", "Accurate dispatch rate", IndicatorKind.Rate, g => g.Indicators.AccurateDispatchRate),
        new("onTimeHandlingRate", "按期处置率", "On-time handling rate", IndicatorKind.Rate, g => g.Indicators.OnTimeHandlingRate),
        new("onTimeCheckRate", "按期核查率", "On-time check rate", IndicatorKind.Rate, g => g.Indicators.OnTimeCheckRate),
        new("reworkCount", "返工次数", "Rework count", IndicatorKind.Count, g => g.Indicators.ReworkCount),
        new("reworkRate", "返工率", "Rework rate", IndicatorKind.Rate, g => g.Indicators.ReworkRate),
        new("meanHandlingHours", "平均处置时长(小时)", "Mean handling time (h)", IndicatorKind.Hours, g => g.Indicators.MeanHandlingHours),
        new("overdue", "超期数", "Overdue", IndicatorKind.Count, g => g.Indicators.Overdue),
        new("escalations", "升级次数", "Escalations", IndicatorKind.Count, g => g.Indicators.Escalations),
        new("rectificationRate", "出租屋隐患整改率", "Rental hazard rectification rate", IndicatorKind.Rate, g => g.Indicators.RectificationRate),
        new("missedReportRate", "漏报率", "Missed-report rate", IndicatorKind.Rate, g => g.Indicators.MissedReportRate),
    ];

    public static readonly IReadOnlyList<IndicatorColumn> Reporting =
    [
        new("reports", "上报数", "Reports", IndicatorKind.Count, g => g.Reports),
        new("validReportRate", "有效上报率", "Valid-report rate", IndicatorKind.Rate, g => g.ValidReportRate),
    ];

    public static readonly IndicatorColumn Score = new("score", "综合得分", "Composite score", IndicatorKind.Score, g => g.Score);

    public static readonly IndicatorColumn Rank = new("rank", "排名", "Rank", IndicatorKind.Rank, g => g.Rank);

    /// <summary>The indicator columns for a grouping, score and rank last.</summary>
    public static IReadOnlyList<IndicatorColumn> For(StatisticsGrouping by) =>
        [.. by == StatisticsGrouping.Reporter ? Reporting : [], .. Common, Score, Rank];

    /// <summary>The heading of the group column.</summary>
    public static (string Code, string Name) GroupHeadings(StatisticsGrouping by, bool english) => by switch
    {
        StatisticsGrouping.Grid1 => english ? ("Grid code", "Level-1 grid") : ("网格编码", "一级网格"),
        StatisticsGrouping.Grid2 => english ? ("Grid code", "Level-2 grid") : ("网格编码", "二级网格"),
        StatisticsGrouping.Grid3 => english ? ("Grid code", "Level-3 grid") : ("网格编码", "三级网格"),
        StatisticsGrouping.Department => english ? ("Department code", "Department") : ("部门编码", "责任部门"),
        StatisticsGrouping.Officer => english ? ("Officer ID", "Officer") : ("人员编号", "处置人员"),
        _ => english ? ("Officer ID", "Reporter") : ("人员编号", "上报人员"),
    };
}
