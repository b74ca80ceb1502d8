using GridMap.Domain.Cases.Indicators;

namespace GridMap.Web.Statistics;

/// <summary>
/// The indicator values of one group as the API, the page and the CSV show them. Rates are
/// fractions 0-1 and null when undefined (no denominator).
/// </summary>
public sealed record IndicatorValues(
    int Filed,
    int Cancelled,
    int Valid,
    int Closed,
    int ClosedOnTime,
    double? ClosureRate,
    double? OnTimeClosureRate,
    double? AccurateFilingRate,
    double? OnTimeVerificationRate,
    double? AccurateDispatchRate,
    double? OnTimeHandlingRate,
    double? OnTimeCheckRate,
    int ReworkCount,
    double? ReworkRate,
    double? MeanHandlingHours,
    int Overdue,
    int Escalations,
    int RentalHazards,
    double? RectificationRate,
    int PublicReports,
    double? MissedReportRate)
{
    public static IndicatorValues From(IndicatorSet s) => new(
        s.Filed, s.Cancelled, s.Valid, s.Closed, s.ClosedOnTime, s.ClosureRate, s.OnTimeClosureRate, s.AccurateFilingRate,
        s.OnTimeVerificationRate, s.AccurateDispatchRate, s.OnTimeHandlingRate, s.OnTimeCheckRate, s.ReworkCount, s.ReworkRate,
        s.MeanHandlingTime?.TotalHours, s.Overdue, s.Escalations, s.RentalHazards, s.RectificationRate, s.PublicReports,
        s.MissedReportRate);
}

/// <summary>Cases of a group by where they stand at the end of the period (for the stacked chart).</summary>
public sealed record StageCounts(int Pending, int InProgress, int Closed, int Cancelled, int Parked);

/// <summary>One group's row: key (grid code, department code or officer id), label, indicators, score and rank (1 = best).</summary>
public sealed record StatisticsGroup(
    string Key,
    string Label,
    int? Rank,
    double? Score,
    IndicatorValues Indicators,
    StageCounts Stages,
    int? Reports = null,
    int? ValidReports = null,
    double? ValidReportRate = null);

/// <summary>Filed and closed in one day (or week) of the period.</summary>
/// <summary>One point of the trend; null counts for a day (or week) that has not begun at the report's "as of".</summary>
public sealed record TrendPoint(DateOnly Start, int? Filed, int? Closed);

public sealed record TrendSeries(string Interval, IReadOnlyList<TrendPoint> Points);

/// <summary>The statistics of a period grouped one way, with the total over the whole cohort.</summary>
public sealed record StatisticsReport(
    DateOnly From,
    DateOnly To,
    string By,
    string TimeZone,
    DateTimeOffset AsOf,
    IReadOnlyList<StatisticsGroup> Groups,
    StatisticsGroup Total,
    TrendSeries Series,
    IndicatorWeights Weights);
