using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using static GridMap.UnitTests.Cases.CalendarTestKit;
using static GridMap.UnitTests.Cases.CaseTestKit;

namespace GridMap.UnitTests.Cases;

/// <summary>What transitions do to the clock, the assignee, rework, parking and escalation.</summary>
public sealed class CaseWorkflowTests
{
    [Fact]
    public void A_report_starts_the_verification_clock()
    {
        var result = Workflow.Report(new CaseReport(Assignee, Grid, Limits)
        {
            Description = "  三楼楼道电动车充电  ",
            Departments = ["fire", "street", "fire"],
            PhotoIds = [Photo],
            Location = new CaseLocation(23.1, 114.4),
        }, Now);

        var status = result.Status!;
        Assert.Equal(CaseState.Reported, status.State);
        Assert.Equal(1, status.Version);
        Assert.Equal(CaseStage.Verification, status.Stage);
        Assert.Equal(At(2026, 11, 23, 11), status.Deadline); // 2 working hours from 09:00
        Assert.Equal(["fire", "street"], status.Departments);

        var report = result.Event!;
        Assert.Equal(1, report.Sequence);
        Assert.Equal(CaseAction.Report, report.Action);
        Assert.Null(report.From);
        Assert.Equal("三楼楼道电动车充电", report.Note);
        Assert.Equal([Photo], report.PhotoIds);
        Assert.Null(report.DueAt);
        Assert.Equal(status.Deadline, report.Deadline);
    }

    [Fact]
    public void The_whole_workflow_with_its_clocks()
    {
        var t = Now; // Monday 09:00
        var status = Workflow.Report(new CaseReport(Assignee, Grid, Limits) { Description = "飞线充电" }, t).Status!;
        var events = new List<CaseEvent>();

        CaseStatus Step(CaseCommand command, DateTimeOffset at)
        {
            var result = Workflow.Apply(status, command, Limits, at);
            Assert.True(result.Succeeded, result.Refusal?.Message);
            events.Add(result.Event!);
            return result.Status!;
        }

        status = Step(Valid(CaseAction.Verify), At(2026, 11, 23, 10));
        Assert.Equal(CaseStage.Dispatch, status.Stage);
        Assert.Equal(At(2026, 11, 23, 11), status.Deadline);
        Assert.Equal(At(2026, 11, 23, 11), events[^1].DueAt); // the verification deadline it met

        status = Step(Valid(CaseAction.Dispatch) with { Departments = ["fire"], Rule = "grid-officer-on-shift" }, At(2026, 11, 23, 10, 30));
        Assert.Equal(CaseStage.Handling, status.Stage);
        Assert.Equal(AssigneeOfficer, status.AssigneeOfficerId);
        var handlingDeadline = At(2026, 11, 25, 10, 30); // 2 working days
        Assert.Equal(handlingDeadline, status.Deadline);
        Assert.Equal(AssigneeOfficer, events[^1].AssigneeOfficerId);
        Assert.Equal("grid-officer-on-shift", events[^1].Rule);

        // Accepting and starting do not restart the handling clock.
        status = Step(Valid(CaseAction.Accept), At(2026, 11, 23, 11));
        status = Step(Valid(CaseAction.Start), At(2026, 11, 24, 9));
        Assert.Equal(handlingDeadline, status.Deadline);
        Assert.Equal(At(2026, 11, 23, 10, 30), status.StageStartedAt);

        status = Step(Valid(CaseAction.Handle), At(2026, 11, 24, 16));
        Assert.Equal(CaseStage.Check, status.Stage);
        Assert.Equal(At(2026, 11, 25, 16), status.Deadline);
        Assert.True(events[^1].OnTime);

        status = Step(Valid(CaseAction.CheckPass), At(2026, 11, 25, 9));
        Assert.Null(status.Stage);
        Assert.Null(status.Deadline);

        status = Step(Valid(CaseAction.Close), At(2026, 11, 25, 10));
        Assert.Equal(CaseState.Closed, status.State);
        Assert.Equal(At(2026, 11, 25, 10), status.ClosedAt);
        Assert.Equal(8, status.Version);
        Assert.Equal(Enumerable.Range(2, 7), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.True(e.OnTime));
    }

    [Fact]
    public void A_failed_check_is_rework_with_a_fresh_handling_limit_for_the_same_assignee()
    {
        var handled = StatusIn(CaseState.Handled);
        var at = At(2026, 11, 24, 15);

        var result = Apply(handled, Valid(CaseAction.CheckFail), at);

        var status = result.Status!;
        Assert.Equal(CaseState.InHandling, status.State);
        Assert.Equal(1, status.ReworkCount);
        Assert.Equal(AssigneeOfficer, status.AssigneeOfficerId);
        Assert.Equal(CaseStage.Handling, status.Stage);
        Assert.Equal(at, status.StageStartedAt);
        Assert.Equal(At(2026, 11, 26, 15), status.Deadline);
        Assert.Equal(handled.Deadline, result.Event!.DueAt);
        Assert.Equal("飞线未拆除", result.Event.Note);
    }

    [Fact]
    public void Reassigning_gives_the_new_assignee_the_full_limit()
    {
        var accepted = StatusIn(CaseState.Accepted);
        var at = At(2026, 11, 24, 9);

        var status = Apply(accepted, Valid(CaseAction.Reassign) with { Departments = ["fire", "housing"] }, at).Status!;

        Assert.Equal(CaseState.Dispatched, status.State);
        Assert.Equal(40, status.AssigneeOfficerId);
        Assert.Equal(["fire", "housing"], status.Departments);
        Assert.Equal(at, status.StageStartedAt);
        Assert.Equal(Calendar2026.Deadline(at, Limits.Handling), status.Deadline);
    }

    [Fact]
    public void Parking_stops_the_clock_and_unparking_restarts_the_stage()
    {
        var inHandling = StatusIn(CaseState.InHandling) with { EscalationLevel = 1, WarnedAt = Now };

        var parked = Apply(inHandling, Valid(CaseAction.Park)).Status!;
        Assert.Null(parked.Stage);
        Assert.Null(parked.Deadline);
        Assert.Null(parked.WarnedAt);
        Assert.Equal(0, parked.EscalationLevel);

        var later = At(2026, 12, 7, 9);
        var unparked = Apply(parked, Valid(CaseAction.Unpark), later).Status!;
        Assert.Equal(CaseState.InHandling, unparked.State);
        Assert.Equal(CaseStage.Handling, unparked.Stage);
        Assert.Equal(Calendar2026.Deadline(later, Limits.Handling), unparked.Deadline);
    }

    [Fact]
    public void Reopening_a_closed_case_needs_a_new_dispatch()
    {
        var reopened = Apply(StatusIn(CaseState.Closed), Valid(CaseAction.Reopen)).Status!;

        Assert.Equal(CaseState.Verified, reopened.State);
        Assert.Null(reopened.ClosedAt);
        Assert.Equal(CaseStage.Dispatch, reopened.Stage);
        Assert.Equal(Calendar2026.Deadline(Now, Limits.Dispatch), reopened.Deadline);
    }

    [Fact]
    public void Escalation_climbs_one_level_at_a_time_and_leaves_state_and_deadline_alone()
    {
        var status = StatusIn(CaseState.InHandling);
        var late = status.Deadline!.Value.AddHours(1);

        for (var level = 1; level <= 3; level++)
        {
            var result = Apply(status, Valid(CaseAction.Escalate), late);
            Assert.True(result.Succeeded, result.Refusal?.Message);
            Assert.Equal(level, result.Status!.EscalationLevel);
            Assert.Equal(CaseState.InHandling, result.Status.State);
            Assert.Equal(status.Deadline, result.Status.Deadline);
            Assert.Equal(level, result.Event!.EscalationLevel);
            Assert.Equal(CaseState.InHandling, result.Event.From);
            Assert.Equal(CaseState.InHandling, result.Event.To);
            Assert.False(result.Event.OnTime);
            status = result.Status;
        }

        var fourth = Apply(status, Valid(CaseAction.Escalate), late);
        Assert.Equal(RefusalKind.InvalidField, fourth.Refusal?.Kind);
        Assert.Contains("command centre", fourth.Refusal!.Message);

        // A new stage starts from level 0 again.
        var handled = Apply(status, Valid(CaseAction.Handle), late).Status!;
        Assert.Equal(0, handled.EscalationLevel);
    }

    [Fact]
    public void The_assignee_is_warned_once_per_stage()
    {
        var status = StatusIn(CaseState.InHandling);

        var warned = Apply(status, Valid(CaseAction.Warn)).Status!;
        Assert.Equal(Now, warned.WarnedAt);
        Assert.Equal(RefusalKind.InvalidField, Apply(warned, Valid(CaseAction.Warn)).Refusal?.Kind);

        var handled = Apply(warned, Valid(CaseAction.Handle)).Status!;
        Assert.Null(handled.WarnedAt);
        Assert.True(Apply(handled, Valid(CaseAction.Warn)).Succeeded);
    }

    [Fact]
    public void An_emergency_limit_runs_through_a_holiday_night()
    {
        // A missing manhole cover: 2 emergency hours to handle, dispatched at 22:00 on National Day.
        var emergency = Limits with { Handling = TimeLimit.EmergencyHours(2) };
        var verified = StatusIn(CaseState.Verified);

        var dispatched = Workflow.Apply(verified, Valid(CaseAction.Dispatch), emergency, At(2026, 10, 1, 22)).Status!;

        Assert.Equal(At(2026, 10, 2, 0), dispatched.Deadline);
        var status = Workflow.DeadlineOf(dispatched, At(2026, 10, 1, 23, 40))!;
        Assert.Equal(DeadlineState.Nearing, status.State);
        Assert.Equal(TimeSpan.FromMinutes(20), status.Remaining);
        Assert.Equal(DeadlineState.Overdue, Workflow.DeadlineOf(dispatched, At(2026, 10, 2, 0, 1))!.State);
        Assert.Null(Workflow.DeadlineOf(StatusIn(CaseState.Closed), Now));
    }

    [Fact]
    public void Escalation_targets_climb_the_grid_levels_to_the_command_centre()
    {
        var grid = Domain.Grids.GridCode.Parse(Grid);

        Assert.Equal("44130201000101", Escalation.Target(grid, 1).Grid?.Value);
        Assert.Equal("441302010001", Escalation.Target(grid, 2).Grid?.Value);
        Assert.True(Escalation.Target(grid, 3).IsCommandCentre);
        Assert.Equal("street command centre", Escalation.Target(grid, 3).Describe());
        Assert.Throws<ArgumentOutOfRangeException>(() => Escalation.Target(grid, 4));

        var options = new EscalationOptions();
        Assert.Equal(0, Escalation.DueLevel(0.9, options));
        Assert.Equal(0, Escalation.DueLevel(1.0, options));
        Assert.Equal(1, Escalation.DueLevel(1.01, options));
        Assert.Equal(2, Escalation.DueLevel(1.6, options));
        Assert.Equal(3, Escalation.DueLevel(2.5, options));
        Assert.Equal(1, Escalation.DueLevel(2.5, new EscalationOptions { Thresholds = [1.0, 3.0, 5.0] }));
    }
}
