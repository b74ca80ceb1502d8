using System.Globalization;
using GridMap.Data;
using GridMap.Data.Cases;
using GridMap.Data.Grids;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Indicators;
using GridMap.Domain.Grids;
using GridMap.Web.Live;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Statistics;

/// <summary>
/// Builds a <see cref="StatisticsReport"/>: loads the cohort in the caller's scope, groups it with
/// <see cref="CaseIndicators"/>, labels the groups and ranks them by composite score.
/// </summary>
public sealed class StatisticsService(
    CaseStatisticsRepository statistics,
    GridRepository grids,
    TaxonomyRepository taxonomy,
    OfficerDirectory officers,
    IOptions<IndicatorWeights> indicatorWeights,
    DistrictTimeZone district,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider time)
{
    /// <summary>Periods longer than this get a weekly rather than daily trend.</summary>
    public const int DailySeriesMaxDays = 62;

    public TimeZoneInfo Zone { get; } = district.Zone;

    private readonly IndicatorWeights _weights = indicatorWeights.Value;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<StatisticsReport> BuildAsync(
        GridScope scope, StatisticsPeriod period, StatisticsGrouping by, bool english, CancellationToken cancellationToken)
    {
        // A period still running is read as of now: an open case is not "overdue at the end of
        // the month" before the month has ended.
        var asOf = period.End < Now ? period.End : Now;
        var cohort = await statistics.LoadAsync(scope, period.Start, asOf, cancellationToken);

        var rows = by switch
        {
            StatisticsGrouping.Grid1 => Rows(CaseIndicators.ByGrid(cohort, GridLevel.First, asOf, _weights)),
            StatisticsGrouping.Grid2 => Rows(CaseIndicators.ByGrid(cohort, GridLevel.Second, asOf, _weights)),
            StatisticsGrouping.Grid3 => Rows(CaseIndicators.ByGrid(cohort, GridLevel.Third, asOf, _weights)),
            StatisticsGrouping.Department => Rows(CaseIndicators.ByDepartment(cohort, asOf, _weights)),
            StatisticsGrouping.Officer => Rows(CaseIndicators.ByOfficer(cohort, asOf, _weights)),
            _ => ReporterRows(cohort, asOf),
        };

        var members = MembersOf(cohort, by, asOf);
        var labels = await LabelsAsync(scope, by, rows.Select(r => r.Key), english, cancellationToken);
        var ranks = Ranks(rows.Select(r => r.Score).ToList());
        var groups = rows.Select((r, i) => new StatisticsGroup(
            r.Key,
            labels.TryGetValue(r.Key, out var label) ? label : r.Key,
            ranks[i],
            Round(r.Score),
            IndicatorValues.From(r.Indicators),
            Stages(members.TryGetValue(r.Key, out var list) ? list : [], asOf),
            r.Reporting?.Reports,
            r.Reporting?.ValidReports,
            r.Reporting?.ValidReportRate)).ToList();

        var totalSet = CaseIndicators.Compute(cohort, asOf);
        var reported = cohort.Where(c => c.ReporterOfficerId is not null && c.Events.Any(e => e.At < asOf)).ToList();
        var validReported = reported.Count(c => StateAsOf(c, asOf) != CaseState.Cancelled);
        var total = new StatisticsGroup(
            "total",
            localizer["Statistics_Total"],
            null,
            Round(CaseIndicators.Score(totalSet, _weights)),
            IndicatorValues.From(totalSet),
            Stages(cohort, asOf),
            by == StatisticsGrouping.Reporter ? reported.Count : null,
            by == StatisticsGrouping.Reporter ? validReported : null,
            by == StatisticsGrouping.Reporter && reported.Count > 0 ? (double)validReported / reported.Count : null);

        return new StatisticsReport(
            period.From, period.To, by.ToCode(), Zone.Id, asOf, groups, total, Series(cohort, period, asOf), _weights);
    }

    private sealed record Row(string Key, IndicatorSet Indicators, double? Score, ReportingRow? Reporting);

    private static List<Row> Rows(IReadOnlyList<IndicatorRow> rows) =>
        rows.Select(r => new Row(r.Key, r.Indicators, r.Score, null)).ToList();

    /// <summary>Per reporting officer: the indicators of the cases they reported, and their valid-report rate.</summary>
    private List<Row> ReporterRows(IReadOnlyList<CaseHistory> cohort, DateTimeOffset asOf)
    {
        var reporting = CaseIndicators.ByReporter(cohort, asOf);
        return reporting.Select(r =>
        {
            var set = CaseIndicators.Compute(cohort.Where(c => c.ReporterOfficerId == r.OfficerId), asOf);
            return new Row(Key(r.OfficerId), set, CaseIndicators.Score(set, _weights), r);
        }).ToList();
    }

    /// <summary>Which cases each group holds, by the same rules as the grouping in <see cref="CaseIndicators"/>.</summary>
    private static Dictionary<string, List<CaseHistory>> MembersOf(IReadOnlyList<CaseHistory> cohort, StatisticsGrouping by, DateTimeOffset asOf)
    {
        IEnumerable<string> KeysOf(CaseHistory c) => by switch
        {
            StatisticsGrouping.Grid1 => Prefix(c.GridCode, GridCode.FirstLevelLength),
            StatisticsGrouping.Grid2 => Prefix(c.GridCode, GridCode.SecondLevelLength),
            StatisticsGrouping.Grid3 => Prefix(c.GridCode, GridCode.ThirdLevelLength),
            StatisticsGrouping.Department => c.Departments.Distinct(),
            StatisticsGrouping.Officer => c.Events.Where(e => e.At < asOf && e.Action is CaseAction.Dispatch or CaseAction.Reassign)
                .MaxBy(e => e.Sequence)?.AssigneeOfficerId is { } officer ? [Key(officer)] : [],
            _ => c.ReporterOfficerId is { } reporter ? [Key(reporter)] : [],
        };

        return cohort
            .SelectMany(c => KeysOf(c).Select(k => (Key: k, Case: c)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Case).ToList(), StringComparer.Ordinal);
    }

    private static IEnumerable<string> Prefix(string code, int length) => code.Length >= length ? [code[..length]] : [];

    private static string Key(long officerId) => officerId.ToString(CultureInfo.InvariantCulture);

    private static CaseState? StateAsOf(CaseHistory c, DateTimeOffset asOf) =>
        c.Events.Where(e => e.At < asOf).MaxBy(e => e.Sequence)?.To;

    private static StageCounts Stages(IEnumerable<CaseHistory> cases, DateTimeOffset asOf)
    {
        int pending = 0, progress = 0, closed = 0, cancelled = 0, parked = 0;
        foreach (var c in cases)
        {
            switch (StateAsOf(c, asOf))
            {
                case null:
                    break;
                case CaseState.Reported or CaseState.Verified:
                    pending++;
                    break;
                case CaseState.Closed:
                    closed++;
                    break;
                case CaseState.Cancelled:
                    cancelled++;
                    break;
                case CaseState.Parked:
                    parked++;
                    break;
                default:
                    progress++;
                    break;
            }
        }

        return new StageCounts(pending, progress, closed, cancelled, parked);
    }

    /// <summary>Competition ranking by score, best first ("1, 1, 3"); groups without a score are unranked.</summary>
    private static int?[] Ranks(IReadOnlyList<double?> scores)
    {
        var ranks = new int?[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            if (Round(scores[i]) is { } score)
            {
                ranks[i] = 1 + scores.Count(s => Round(s) is { } other && other > score);
            }
        }

        return ranks;
    }

    // Scores are compared and shown to one decimal: 0.04 of a point is not a different rank.
    private static double? Round(double? score) => score is { } s ? Math.Round(s, 1, MidpointRounding.AwayFromZero) : null;

    private TrendSeries Series(IReadOnlyList<CaseHistory> cohort, StatisticsPeriod period, DateTimeOffset asOf)
    {
        var step = period.Days > DailySeriesMaxDays ? 7 : 1;
        var points = new List<(DateOnly Start, int Filed, int Closed)>();
        for (var day = period.From; day <= period.To; day = day.AddDays(step))
        {
            points.Add((day, 0, 0));
        }

        int Bucket(DateTimeOffset at) =>
            (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime).DayNumber - period.From.DayNumber) / step;

        var filed = new int[points.Count];
        var closed = new int[points.Count];
        foreach (var c in cohort)
        {
            var events = c.Events.Where(e => e.At < asOf).ToList();
            if (events.Count == 0)
            {
                continue;
            }

            var first = Bucket(events.MinBy(e => e.Sequence)!.At);
            if (first >= 0 && first < points.Count)
            {
                filed[first]++;
            }

            foreach (var close in events.Where(e => e.Action == CaseAction.Close))
            {
                var b = Bucket(close.At);
                if (b >= 0 && b < points.Count)
                {
                    closed[b]++;
                }
            }
        }

        // A running period's days still ahead have no figures yet: null, so the chart stops at
        // today instead of drawing zeros into the future.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, Zone).DateTime);
        return new TrendSeries(
            step == 1 ? "day" : "week",
            points.Select((p, i) => p.Start > today ? new TrendPoint(p.Start, null, null) : new TrendPoint(p.Start, filed[i], closed[i])).ToList());
    }

    private async Task<Dictionary<string, string>> LabelsAsync(
        GridScope scope, StatisticsGrouping by, IEnumerable<string> keys, bool english, CancellationToken cancellationToken)
    {
        switch (by)
        {
            case StatisticsGrouping.Grid1 or StatisticsGrouping.Grid2 or StatisticsGrouping.Grid3:
                var level = by switch { StatisticsGrouping.Grid1 => 1, StatisticsGrouping.Grid2 => 2, _ => 3 };
                var list = await grids.ListAsync(scope, level, cancellationToken);
                return list.GroupBy(g => g.Code).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
            case StatisticsGrouping.Department:
                var departments = await taxonomy.ListDepartmentsAsync(includeRetired: true, cancellationToken);
                return departments.ToDictionary(d => d.Code, d => english ? d.NameEn : d.NameZh, StringComparer.Ordinal);
            default:
                // Officers are labelled only when they worked on (or reported) a case in the
                // caller's scope: the rows come from that cohort, so no name outside it is shown.
                await officers.EnsureLoadedAsync(cancellationToken);
                var names = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    if (long.TryParse(key, CultureInfo.InvariantCulture, out var id) && officers.Find(id) is { } officer)
                    {
                        names[key] = officer.Name;
                    }
                }

                return names;
        }
    }
}
