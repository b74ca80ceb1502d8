using GridMap.Domain.Grids;

namespace GridMap.Domain.Cases.Indicators;

/// <summary>
/// Computes the evaluation indicators from timelines alone, so that they can be recomputed for
/// any period and grouping and always agree with what the timeline shows. The cohort is the
/// cases given (the data layer selects those filed in the period); each is read as of
/// <c>asOf</c> (the end of the period, exclusive), ignoring later events.
/// </summary>
public static class CaseIndicators
{
    public static IndicatorSet Compute(IEnumerable<CaseHistory> cases, DateTimeOffset asOf)
    {
        int filed = 0, cancelled = 0, closed = 0, closedOnTime = 0, verifications = 0, verificationsOnTime = 0;
        int dispatches = 0, accurate = 0, handlings = 0, handlingsOnTime = 0, checks = 0, checksOnTime = 0;
        int rework = 0, casesHandled = 0, casesReworked = 0, overdue = 0, escalations = 0;
        int rental = 0, rectified = 0, publicReports = 0;
        var handlingTimes = new List<TimeSpan>();

        foreach (var history in cases)
        {
            var events = history.Events.Where(e => e.At < asOf).OrderBy(e => e.Sequence).ToList();
            if (events.Count == 0)
            {
                continue; // reported after asOf: not part of this period's picture
            }

            filed++;
            var last = events[^1];
            var state = last.To;
            var isCancelled = state == CaseState.Cancelled;
            var isClosed = state == CaseState.Closed;
            if (isCancelled)
            {
                cancelled++;
            }

            if (history.Source == CaseSource.Open311)
            {
                publicReports++;
            }

            // Late when any event happened past the deadline then running: a stage finished late,
            // or something (accept, escalate, park) happened while the case was overdue.
            var late = false;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                late |= !e.OnTime;
                switch (e.Action)
                {
                    case CaseAction.Verify:
                    case CaseAction.Cancel when e.From == CaseState.Reported:
                        verifications++;
                        verificationsOnTime += e.OnTime ? 1 : 0;
                        break;
                    case CaseAction.Dispatch:
                    case CaseAction.Reassign:
                        dispatches++;
                        var nextAssignment = events.Skip(i + 1).FirstOrDefault(n => n.Action is CaseAction.Dispatch or CaseAction.Reassign);
                        accurate += nextAssignment?.Action == CaseAction.Reassign ? 0 : 1;
                        break;
                    case CaseAction.Handle:
                        handlings++;
                        handlingsOnTime += e.OnTime ? 1 : 0;
                        break;
                    case CaseAction.CheckPass:
                    case CaseAction.CheckFail:
                        checks++;
                        checksOnTime += e.OnTime ? 1 : 0;
                        rework += e.Action == CaseAction.CheckFail ? 1 : 0;
                        break;
                    case CaseAction.Escalate:
                        escalations++;
                        break;
                }
            }

            // Open past its deadline at the end of the period (escalate and warn carry the deadline on).
            if (last.To.IsOpen() && last.Deadline is { } deadline && deadline < asOf)
            {
                late = true;
            }

            overdue += late ? 1 : 0;
            if (isClosed)
            {
                closed++;
                closedOnTime += late ? 0 : 1;
            }

            var handles = events.Where(e => e.Action == CaseAction.Handle).ToList();
            if (handles.Count > 0)
            {
                casesHandled++;
                casesReworked += events.Any(e => e.Action == CaseAction.CheckFail) ? 1 : 0;
                var firstDispatch = events.FirstOrDefault(e => e.Action == CaseAction.Dispatch);
                if (firstDispatch is not null)
                {
                    handlingTimes.Add(handles[^1].At - firstDispatch.At);
                }
            }

            if (history.RentalHazard && !isCancelled)
            {
                rental++;
                rectified += isClosed ? 1 : 0;
            }
        }

        return new IndicatorSet
        {
            Filed = filed,
            Cancelled = cancelled,
            Closed = closed,
            ClosedOnTime = closedOnTime,
            Verifications = verifications,
            VerificationsOnTime = verificationsOnTime,
            Dispatches = dispatches,
            AccurateDispatches = accurate,
            Handlings = handlings,
            HandlingsOnTime = handlingsOnTime,
            Checks = checks,
            ChecksOnTime = checksOnTime,
            ReworkCount = rework,
            CasesHandled = casesHandled,
            CasesReworked = casesReworked,
            Overdue = overdue,
            Escalations = escalations,
            MeanHandlingTime = handlingTimes.Count > 0
                ? TimeSpan.FromTicks((long)handlingTimes.Average(t => (double)t.Ticks))
                : null,
            RentalHazards = rental,
            RentalHazardsRectified = rectified,
            PublicReports = publicReports,
        };
    }

    /// <summary>Per grid at <paramref name="level"/>: a case counts for the grid at that level that contains it.</summary>
    public static IReadOnlyList<IndicatorRow> ByGrid(IEnumerable<CaseHistory> cases, GridLevel level, DateTimeOffset asOf, IndicatorWeights? weights = null)
    {
        var length = level switch
        {
            GridLevel.First => GridCode.FirstLevelLength,
            GridLevel.Second => GridCode.SecondLevelLength,
            _ => GridCode.ThirdLevelLength,
        };
        return Group(cases, c => c.GridCode.Length >= length ? [c.GridCode[..length]] : [], asOf, weights);
    }

    /// <summary>Per responsible department: a case with two departments counts for both.</summary>
    public static IReadOnlyList<IndicatorRow> ByDepartment(IEnumerable<CaseHistory> cases, DateTimeOffset asOf, IndicatorWeights? weights = null) =>
        Group(cases, c => c.Departments.Distinct(), asOf, weights);

    /// <summary>Per officer the case was last assigned to (as of the end of the period); never-dispatched cases count for nobody.</summary>
    public static IReadOnlyList<IndicatorRow> ByOfficer(IEnumerable<CaseHistory> cases, DateTimeOffset asOf, IndicatorWeights? weights = null) =>
        Group(cases, c => AssigneeAsOf(c, asOf) is { } officer ? [officer.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [], asOf, weights);

    /// <summary>Per reporting officer: reports and valid reports (not cancelled as of the end of the period).</summary>
    public static IReadOnlyList<ReportingRow> ByReporter(IEnumerable<CaseHistory> cases, DateTimeOffset asOf) =>
        cases.Where(c => c.ReporterOfficerId is not null && c.Events.Any(e => e.At < asOf))
            .GroupBy(c => c.ReporterOfficerId!.Value)
            .Select(g => new ReportingRow(
                g.Key,
                g.Count(),
                g.Count(c => c.Events.Where(e => e.At < asOf).MaxBy(e => e.Sequence)!.To != CaseState.Cancelled)))
            .OrderBy(r => r.OfficerId)
            .ToList();

    /// <summary>
    /// The composite score, 0-100: the weighted mean of the rates that are defined (a rate with
    /// no denominator is left out, weight and all, rather than counted as 0 or 100).
    /// </summary>
    public static double? Score(IndicatorSet set, IndicatorWeights weights)
    {
        (double? Rate, double Weight)[] parts =
        [
            (set.ClosureRate, weights.ClosureRate),
            (set.OnTimeClosureRate, weights.OnTimeClosureRate),
            (set.AccurateFilingRate, weights.AccurateFilingRate),
            (set.AccurateDispatchRate, weights.AccurateDispatchRate),
            (set.OnTimeVerificationRate, weights.OnTimeVerificationRate),
            (set.OnTimeCheckRate, weights.OnTimeCheckRate),
            (1 - set.ReworkRate, weights.ReworkRate),
        ];
        double sum = 0, total = 0;
        foreach (var (rate, weight) in parts)
        {
            if (rate is { } r && weight > 0)
            {
                sum += r * weight;
                total += weight;
            }
        }

        return total > 0 ? 100 * sum / total : null;
    }

    private static long? AssigneeAsOf(CaseHistory history, DateTimeOffset asOf) =>
        history.Events
            .Where(e => e.At < asOf && e.Action is CaseAction.Dispatch or CaseAction.Reassign)
            .MaxBy(e => e.Sequence)?.AssigneeOfficerId;

    private static List<IndicatorRow> Group(
        IEnumerable<CaseHistory> cases, Func<CaseHistory, IEnumerable<string>> keys, DateTimeOffset asOf, IndicatorWeights? weights)
    {
        weights ??= new IndicatorWeights();
        return cases
            .SelectMany(c => keys(c).Select(k => (Key: k, Case: c)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var set = Compute(g.Select(x => x.Case), asOf);
                return new IndicatorRow(g.Key, set, Score(set, weights));
            })
            .Where(r => r.Indicators.Filed > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }
}
