using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Indicators;
using GridMap.Domain.Grids;
using static GridMap.UnitTests.Cases.CalendarTestKit;
using static GridMap.UnitTests.Cases.CaseTestKit;

namespace GridMap.UnitTests.Cases;

/// <summary>The evaluation indicators over hand-built timelines whose answers are counted by hand.</summary>
public sealed class CaseIndicatorsTests
{
    private const string GridA = "44130201000101001";
    private const string GridB = "44130201000102001";

    /// <summary>Monday 23 November 2026, 08:00: every timeline counts hours from here.</summary>
    private static readonly DateTimeOffset T0 = At(2026, 11, 23, 8);

    /// <summary>The period ends a week later.</summary>
    private static readonly DateTimeOffset End = T0.AddDays(7);

    /// <summary>Builds a timeline event by event: (action, new state, hour it happened, deadline it was due by, deadline after).</summary>
    private sealed class Story(long id, string grid, CaseSource source = CaseSource.Mobile)
    {
        private readonly List<CaseEvent> _events = [];
        private CaseState? _state;

        public bool Rental { get; init; }

        public string[] Departments { get; init; } = [];

        public long? Reporter { get; init; }

        public Story Do(CaseAction action, CaseState to, double hour, double? dueHour = null, double? deadlineHour = null, long? assignee = null)
        {
            _events.Add(new CaseEvent
            {
                Sequence = _events.Count + 1,
                Action = action,
                From = _state,
                To = to,
                Actor = Command,
                At = T0.AddHours(hour),
                DueAt = dueHour is { } due ? T0.AddHours(due) : null,
                Deadline = deadlineHour is { } d ? T0.AddHours(d) : null,
                AssigneeOfficerId = assignee,
            });
            _state = to;
            return this;
        }

        public CaseHistory Build() => new()
        {
            CaseId = id,
            GridCode = grid,
            CategoryCode = Rental ? "fire_safety" : "environment_order",
            SubcategoryCode = "x",
            RentalHazard = Rental,
            Departments = Departments,
            ReporterOfficerId = Reporter,
            Source = source,
            CreatedAt = _events[0].At,
            Events = _events,
        };
    }

    private static Story Handled(Story story, double start, long assignee = 30) => story
        .Do(CaseAction.Report, CaseState.Reported, start, deadlineHour: start + 3)
        .Do(CaseAction.Verify, CaseState.Verified, start + 1, dueHour: start + 3, deadlineHour: start + 4)
        .Do(CaseAction.Dispatch, CaseState.Dispatched, start + 2, dueHour: start + 4, deadlineHour: start + 50, assignee: assignee)
        .Do(CaseAction.Accept, CaseState.Accepted, start + 3, dueHour: start + 50, deadlineHour: start + 50)
        .Do(CaseAction.Start, CaseState.InHandling, start + 4, dueHour: start + 50, deadlineHour: start + 50);

    /// <summary>Six cases, each exercising something; see the assertions for what counts.</summary>
    private static List<CaseHistory> Cohort() =>
    [
        // A: rental hazard, everything on time, handled 24 h after dispatch, closed.
        Handled(new Story(1, GridA) { Rental = true, Departments = ["fire"], Reporter = 30 }, 0)
            .Do(CaseAction.Handle, CaseState.Handled, 26, dueHour: 50, deadlineHour: 60)
            .Do(CaseAction.CheckPass, CaseState.Checked, 27, dueHour: 60)
            .Do(CaseAction.Close, CaseState.Closed, 28)
            .Build(),

        // B: verified late (due at 3, done at 5), then everything on time; closed but not on time.
        new Story(2, GridB) { Departments = ["urban"] }
            .Do(CaseAction.Report, CaseState.Reported, 0, deadlineHour: 3)
            .Do(CaseAction.Verify, CaseState.Verified, 5, dueHour: 3, deadlineHour: 6)
            .Do(CaseAction.Dispatch, CaseState.Dispatched, 6, dueHour: 6, deadlineHour: 60, assignee: 30)
            .Do(CaseAction.Accept, CaseState.Accepted, 7, dueHour: 60, deadlineHour: 60)
            .Do(CaseAction.Start, CaseState.InHandling, 8, dueHour: 60, deadlineHour: 60)
            .Do(CaseAction.Handle, CaseState.Handled, 54, dueHour: 60, deadlineHour: 70)
            .Do(CaseAction.CheckPass, CaseState.Checked, 55, dueHour: 70)
            .Do(CaseAction.Close, CaseState.Closed, 56)
            .Build(),

        // C: rental hazard reported by officer 30, cancelled as invalid on time.
        new Story(3, GridA) { Rental = true, Departments = ["fire"], Reporter = 30 }
            .Do(CaseAction.Report, CaseState.Reported, 1, deadlineHour: 4)
            .Do(CaseAction.Cancel, CaseState.Cancelled, 2, dueHour: 4)
            .Build(),

        // D: rental hazard reported by officer 40; dispatched to 30, reassigned to 40, returned
        // once for rework, checked but not yet closed. Handled 72 h after the first dispatch.
        new Story(4, GridA) { Rental = true, Departments = ["fire", "housing"], Reporter = 40 }
            .Do(CaseAction.Report, CaseState.Reported, 0, deadlineHour: 3)
            .Do(CaseAction.Verify, CaseState.Verified, 1, dueHour: 3, deadlineHour: 4)
            .Do(CaseAction.Dispatch, CaseState.Dispatched, 2, dueHour: 4, deadlineHour: 50, assignee: 30)
            .Do(CaseAction.Reassign, CaseState.Dispatched, 3, dueHour: 50, deadlineHour: 51, assignee: 40)
            .Do(CaseAction.Accept, CaseState.Accepted, 4, dueHour: 51, deadlineHour: 51)
            .Do(CaseAction.Start, CaseState.InHandling, 5, dueHour: 51, deadlineHour: 51)
            .Do(CaseAction.Handle, CaseState.Handled, 30, dueHour: 51, deadlineHour: 60)
            .Do(CaseAction.CheckFail, CaseState.InHandling, 31, dueHour: 60, deadlineHour: 80)
            .Do(CaseAction.Handle, CaseState.Handled, 74, dueHour: 80, deadlineHour: 90)
            .Do(CaseAction.CheckPass, CaseState.Checked, 75, dueHour: 90)
            .Build(),

        // E: from the public, never verified; its verification deadline passed before the end: overdue.
        new Story(5, GridB, CaseSource.Open311) { Departments = ["urban"] }
            .Do(CaseAction.Report, CaseState.Reported, 10, deadlineHour: 13)
            .Do(CaseAction.Escalate, CaseState.Reported, 14, dueHour: 13, deadlineHour: 13)
            .Build(),

        // F: handled 24 h after dispatch and checked within the period, closed only after it ends.
        Handled(new Story(6, GridB) { Departments = ["urban"] }, 0)
            .Do(CaseAction.Handle, CaseState.Handled, 26, dueHour: 50, deadlineHour: 60)
            .Do(CaseAction.CheckPass, CaseState.Checked, 27, dueHour: 60)
            .Do(CaseAction.Close, CaseState.Closed, 24 * 8)
            .Build(),
    ];

    [Fact]
    public void Counts_and_rates_over_the_cohort()
    {
        var set = CaseIndicators.Compute(Cohort(), End);

        Assert.Equal(6, set.Filed);
        Assert.Equal(1, set.Cancelled);
        Assert.Equal(5, set.Valid);
        Assert.Equal(2, set.Closed);          // A and B; F closes after the period
        Assert.Equal(1, set.ClosedOnTime);    // A; B was verified late
        Assert.Equal(0.4, set.ClosureRate);
        Assert.Equal(0.2, set.OnTimeClosureRate);
        Assert.Equal(5.0 / 6, set.AccurateFilingRate);

        Assert.Equal(5, set.Verifications);   // A, B, D, F verified; C cancelled from reported
        Assert.Equal(4, set.VerificationsOnTime);
        Assert.Equal(0.8, set.OnTimeVerificationRate);

        Assert.Equal(5, set.Dispatches);      // A, B, F once; D dispatched and reassigned
        Assert.Equal(4, set.AccurateDispatches); // D's first dispatch was reassigned away
        Assert.Equal(0.8, set.AccurateDispatchRate);

        Assert.Equal(5, set.Handlings);
        Assert.Equal(5, set.HandlingsOnTime);
        Assert.Equal(5, set.Checks);
        Assert.Equal(5, set.ChecksOnTime);
        Assert.Equal(1.0, set.OnTimeCheckRate);

        Assert.Equal(1, set.ReworkCount);
        Assert.Equal(4, set.CasesHandled);
        Assert.Equal(1, set.CasesReworked);
        Assert.Equal(0.25, set.ReworkRate);

        Assert.Equal(2, set.Overdue);         // B (late verification) and E (open past its deadline)
        Assert.Equal(1, set.Escalations);
        Assert.Equal(TimeSpan.FromHours((24 + 48 + 72 + 24) / 4.0), set.MeanHandlingTime);

        Assert.Equal(2, set.RentalHazards);   // A and D; C was cancelled
        Assert.Equal(1, set.RentalHazardsRectified);
        Assert.Equal(0.5, set.RectificationRate);
        Assert.Equal(1, set.PublicReports);
        Assert.Equal(1.0 / 6, set.MissedReportRate);
    }

    [Fact]
    public void Events_after_the_end_of_the_period_are_not_seen()
    {
        var cohort = Cohort();
        var early = CaseIndicators.Compute(cohort, T0.AddHours(1.5));

        // At 09:30 on day one: all but E reported (E comes at hour 10), A, D and F verified, nothing closed.
        Assert.Equal(5, early.Filed);
        Assert.Equal(0, early.Closed);
        Assert.Equal(3, early.Verifications);

        var later = CaseIndicators.Compute(cohort, T0.AddDays(9));
        Assert.Equal(3, later.Closed);
    }

    [Fact]
    public void Rates_without_a_denominator_are_null_not_zero()
    {
        var empty = CaseIndicators.Compute([], End);

        Assert.Equal(0, empty.Filed);
        Assert.Null(empty.ClosureRate);
        Assert.Null(empty.ReworkRate);
        Assert.Null(empty.MeanHandlingTime);
        Assert.Null(CaseIndicators.Score(empty, new IndicatorWeights()));
    }

    [Fact]
    public void The_composite_score_weighs_the_defined_rates()
    {
        var set = CaseIndicators.Compute(Cohort(), End);

        // 0.4·20 + 0.2·30 + (5/6)·10 + 0.8·10 + 0.8·10 + 1·10 + (1 − 0.25)·10, over 100 weight.
        var expected = 0.4 * 20 + 0.2 * 30 + 5.0 / 6 * 10 + 0.8 * 10 + 0.8 * 10 + 1.0 * 10 + 0.75 * 10;
        Assert.Equal(expected, CaseIndicators.Score(set, new IndicatorWeights())!.Value, 9);

        var onTimeOnly = new IndicatorWeights
        {
            ClosureRate = 0, OnTimeClosureRate = 1, AccurateFilingRate = 0, AccurateDispatchRate = 0,
            OnTimeVerificationRate = 0, OnTimeCheckRate = 0, ReworkRate = 0,
        };
        Assert.Equal(20, CaseIndicators.Score(set, onTimeOnly)!.Value, 9);

        // A cohort with cases but no checks: the check rate is left out, not counted as 0.
        var cancelledOnly = CaseIndicators.Compute([Cohort()[2]], End);
        Assert.Null(cancelledOnly.OnTimeCheckRate);
        var checkOnly = new IndicatorWeights
        {
            ClosureRate = 0, OnTimeClosureRate = 0, AccurateFilingRate = 1, AccurateDispatchRate = 0,
            OnTimeVerificationRate = 0, OnTimeCheckRate = 5, ReworkRate = 0,
        };
        Assert.Equal(0, CaseIndicators.Score(cancelledOnly, checkOnly)!.Value, 9); // only accurate filing (0/1) counts
    }

    [Fact]
    public void Grouped_by_grid_department_officer_and_reporter()
    {
        var cohort = Cohort();

        var byGrid = CaseIndicators.ByGrid(cohort, GridLevel.Second, End);
        Assert.Equal(["44130201000101", "44130201000102"], byGrid.Select(r => r.Key));
        Assert.Equal([3, 3], byGrid.Select(r => r.Indicators.Filed));
        Assert.All(byGrid, r => Assert.NotNull(r.Score));
        Assert.Single(CaseIndicators.ByGrid(cohort, GridLevel.First, End));

        var byDepartment = CaseIndicators.ByDepartment(cohort, End).ToDictionary(r => r.Key, r => r.Indicators);
        Assert.Equal(3, byDepartment["fire"].Filed);
        Assert.Equal(1, byDepartment["housing"].Filed);
        Assert.Equal(3, byDepartment["urban"].Filed);

        // The officer a case was last assigned to: A, B, F → 30; D → 40; C and E never dispatched.
        var byOfficer = CaseIndicators.ByOfficer(cohort, End).ToDictionary(r => r.Key, r => r.Indicators);
        Assert.Equal(3, byOfficer["30"].Filed);
        Assert.Equal(1, byOfficer["40"].Filed);
        Assert.Equal(1, byOfficer["40"].ReworkCount);

        var byReporter = CaseIndicators.ByReporter(cohort, End);
        Assert.Equal([(30L, 2, 1), (40L, 1, 1)], byReporter.Select(r => (r.OfficerId, r.Reports, r.ValidReports)));
        Assert.Equal(0.5, byReporter[0].ValidReportRate);
    }
}
