using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using static GridMap.UnitTests.Cases.CaseTestKit;

namespace GridMap.UnitTests.Cases;

/// <summary>Who may do what, and what each action must carry.</summary>
public sealed class CaseRulesTests
{
    // Written out here independently of CaseRules: the roles (not being the assignee) that may act.
    private static readonly Dictionary<CaseAction, UserRole[]> RolesThatMay = new()
    {
        [CaseAction.Verify] = [UserRole.Command, UserRole.GridLeader, UserRole.GridOfficer, UserRole.Admin],
        [CaseAction.Cancel] = [UserRole.Command, UserRole.GridLeader, UserRole.Admin],
        [CaseAction.Dispatch] = [UserRole.Command, UserRole.GridLeader, UserRole.Admin],
        [CaseAction.Reassign] = [UserRole.Command, UserRole.GridLeader, UserRole.Admin],
        [CaseAction.Accept] = [],
        [CaseAction.Start] = [],
        [CaseAction.Handle] = [],
        [CaseAction.CheckPass] = [UserRole.Command, UserRole.GridLeader, UserRole.GridOfficer, UserRole.Admin],
        [CaseAction.CheckFail] = [UserRole.Command, UserRole.GridLeader, UserRole.GridOfficer, UserRole.Admin],
        [CaseAction.Close] = [UserRole.Command, UserRole.GridLeader, UserRole.Admin],
        [CaseAction.Reopen] = [UserRole.Command, UserRole.Admin],
        [CaseAction.Park] = [UserRole.Command, UserRole.Admin],
        [CaseAction.Unpark] = [UserRole.Command, UserRole.Admin],
        [CaseAction.Escalate] = [UserRole.Command, UserRole.GridLeader, UserRole.Admin],
        [CaseAction.Warn] = [UserRole.Command, UserRole.Admin],
    };

    private static readonly CaseAction[] SystemMay = [CaseAction.Dispatch, CaseAction.Escalate, CaseAction.Warn];

    public static TheoryData<CaseAction, UserRole> ActionsAndRoles()
    {
        var data = new TheoryData<CaseAction, UserRole>();
        foreach (var action in RolesThatMay.Keys)
        {
            foreach (var role in Enum.GetValues<UserRole>())
            {
                data.Add(action, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ActionsAndRoles))]
    public void Roles(CaseAction action, UserRole role)
    {
        // An actor of the role with no officer record, so never the assignee.
        var actor = CaseActor.User(99, role);
        var result = Apply(StateWhereLegal(action), Valid(action) with { Actor = actor });

        if (RolesThatMay[action].Contains(role))
        {
            Assert.True(result.Succeeded, result.Refusal?.Message);
        }
        else
        {
            Assert.Equal(RefusalKind.NotPermitted, result.Refusal?.Kind);
            Assert.Contains(role.ToCode(), result.Refusal!.Message);
            Assert.Contains(action.ToCode(), result.Refusal.Message);
        }
    }

    [Theory]
    [InlineData(CaseAction.Accept)]
    [InlineData(CaseAction.Start)]
    [InlineData(CaseAction.Handle)]
    public void Only_the_assignee_accepts_starts_and_handles(CaseAction action)
    {
        var status = StateWhereLegal(action);

        Assert.True(Apply(status, Valid(action) with { Actor = Assignee }).Succeeded);
        var other = Apply(status, Valid(action) with { Actor = OtherOfficer });
        Assert.Equal(RefusalKind.NotPermitted, other.Refusal?.Kind);
        Assert.Contains("the assignee (officer 30)", other.Refusal!.Message);
        Assert.Equal(RefusalKind.NotPermitted, Apply(status, Valid(action) with { Actor = Command }).Refusal?.Kind);

        // A grid leader who is the assignee may: "the assignee" is the officer, whatever the role.
        var leaderAssigned = status with { AssigneeOfficerId = 20 };
        Assert.True(Apply(leaderAssigned, Valid(action) with { Actor = Leader }).Succeeded);
    }

    [Theory]
    [InlineData(CaseAction.CheckPass)]
    [InlineData(CaseAction.CheckFail)]
    public void The_assignee_may_not_check_their_own_work(CaseAction action)
    {
        var status = StatusIn(CaseState.Handled);

        var own = Apply(status, Valid(action) with { Actor = Assignee });
        Assert.Equal(RefusalKind.NotPermitted, own.Refusal?.Kind);
        Assert.Contains("own work", own.Refusal!.Message);

        Assert.True(Apply(status, Valid(action) with { Actor = OtherOfficer }).Succeeded);
        Assert.False(Apply(status with { AssigneeOfficerId = 20 }, Valid(action) with { Actor = Leader }).Succeeded);
    }

    [Fact]
    public void The_system_dispatches_escalates_and_warns_and_nothing_else()
    {
        foreach (var action in RolesThatMay.Keys)
        {
            var result = Apply(StateWhereLegal(action), Valid(action) with { Actor = SystemActor });
            Assert.Equal(SystemMay.Contains(action), result.Succeeded);
        }
    }

    [Fact]
    public void Open311_clients_only_report()
    {
        foreach (var action in RolesThatMay.Keys)
        {
            Assert.Equal(RefusalKind.NotPermitted, Apply(StateWhereLegal(action), Valid(action) with { Actor = Open311 }).Refusal?.Kind);
        }

        Assert.True(Workflow.Report(new CaseReport(Open311, Grid, Limits) { Description = "井盖不见了" }, Now).Succeeded);
    }

    [Theory]
    [InlineData(CaseAction.Cancel)]
    [InlineData(CaseAction.Reassign)]
    [InlineData(CaseAction.CheckFail)]
    [InlineData(CaseAction.Reopen)]
    [InlineData(CaseAction.Park)]
    [InlineData(CaseAction.Escalate)]
    public void A_reason_is_required(CaseAction action)
    {
        foreach (var note in new[] { null, "", "   " })
        {
            var result = Apply(StateWhereLegal(action), Valid(action) with { Note = note });
            Assert.Equal(RefusalKind.MissingField, result.Refusal?.Kind);
            Assert.Contains("reason", result.Refusal!.Message);
        }
    }

    [Fact]
    public void Handle_needs_evidence()
    {
        var result = Apply(StatusIn(CaseState.InHandling), Valid(CaseAction.Handle) with { PhotoIds = [] });

        Assert.Equal(RefusalKind.MissingField, result.Refusal?.Kind);
        Assert.Contains("photo", result.Refusal!.Message);
    }

    [Fact]
    public void Dispatch_and_reassign_need_an_assignee()
    {
        Assert.Equal(RefusalKind.MissingField, Apply(StatusIn(CaseState.Verified), Valid(CaseAction.Dispatch) with { AssigneeOfficerId = null }).Refusal?.Kind);
        Assert.Equal(RefusalKind.MissingField, Apply(StatusIn(CaseState.Accepted), Valid(CaseAction.Reassign) with { AssigneeOfficerId = null }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(StatusIn(CaseState.Accepted), Valid(CaseAction.Reassign) with { AssigneeOfficerId = AssigneeOfficer }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(StatusIn(CaseState.Verified), Valid(CaseAction.Dispatch) with { AssigneeOfficerId = 0 }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(StatusIn(CaseState.Verified), Valid(CaseAction.Dispatch) with { Departments = ["Fire Brigade"] }).Refusal?.Kind);
    }

    [Fact]
    public void Cancel_needs_its_kind_and_a_duplicate_names_the_original()
    {
        var reported = StatusIn(CaseState.Reported);
        var cancel = Valid(CaseAction.Cancel);

        Assert.Equal(RefusalKind.MissingField, Apply(reported, cancel with { CancelReason = null }).Refusal?.Kind);
        Assert.Equal(RefusalKind.MissingField, Apply(reported, cancel with { CancelReason = CancelReason.Duplicate }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, cancel with { DuplicateOf = 3 }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, cancel with { CancelReason = CancelReason.Duplicate, DuplicateOf = reported.Id }).Refusal?.Kind);

        var duplicate = Apply(reported, cancel with { CancelReason = CancelReason.Duplicate, DuplicateOf = 3 });
        Assert.True(duplicate.Succeeded);
        Assert.Equal(3, duplicate.Status!.DuplicateOf);
        Assert.Equal(CancelReason.Duplicate, duplicate.Event!.CancelReason);
    }

    [Fact]
    public void Fields_that_do_not_belong_to_the_action_are_refused()
    {
        var reported = StatusIn(CaseState.Reported);

        Assert.Equal(RefusalKind.InvalidField, Apply(reported, Valid(CaseAction.Verify) with { AssigneeOfficerId = 30 }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, Valid(CaseAction.Verify) with { Departments = ["fire"] }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, Valid(CaseAction.Verify) with { CancelReason = CancelReason.Invalid }).Refusal?.Kind);
    }

    [Fact]
    public void Notes_photos_and_positions_are_bounded()
    {
        var reported = StatusIn(CaseState.Reported);
        var verify = Valid(CaseAction.Verify);

        Assert.True(Apply(reported, verify with { Note = new string('x', CaseRules.MaxNoteLength) }).Succeeded);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, verify with { Note = new string('x', CaseRules.MaxNoteLength + 1) }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, verify with { PhotoIds = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList() }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, verify with { PhotoIds = [Photo, Photo] }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, verify with { PhotoIds = [Guid.Empty] }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, verify with { Location = new CaseLocation(91, 114) }).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Apply(reported, verify with { Location = new CaseLocation(23, double.NaN) }).Refusal?.Kind);

        var located = Apply(reported, verify with { Location = new CaseLocation(23.12, 114.41), PhotoIds = [Photo] });
        Assert.Equal(new CaseLocation(23.12, 114.41), located.Event!.Location);
        Assert.Equal([Photo], located.Event.PhotoIds);
    }

    [Fact]
    public void Legality_is_checked_before_permission_and_permission_before_fields()
    {
        // An officer who may not close, closing a case that cannot be closed, without anything: the state speaks first.
        Assert.Equal(RefusalKind.IllegalTransition, Apply(StatusIn(CaseState.Reported), new CaseCommand(CaseAction.Close, Official)).Refusal?.Kind);
        // A legal action by the wrong person without its reason: the permission speaks first.
        Assert.Equal(RefusalKind.NotPermitted, Apply(StatusIn(CaseState.InHandling), new CaseCommand(CaseAction.Park, Assignee)).Refusal?.Kind);
    }

    [Fact]
    public void Reports_come_from_anyone_to_a_third_level_grid_with_a_description()
    {
        foreach (var actor in new[] { Command, Leader, Assignee, Official, Admin, SystemActor, Open311 })
        {
            Assert.True(Workflow.Report(new CaseReport(actor, Grid, Limits) { Description = "楼道充电" }, Now).Succeeded);
        }

        Assert.Equal(RefusalKind.MissingField, Workflow.Report(new CaseReport(Command, Grid, Limits), Now).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Workflow.Report(new CaseReport(Command, "44130201000101", Limits) { Description = "x" }, Now).Refusal?.Kind);
        Assert.Equal(RefusalKind.InvalidField, Workflow.Report(new CaseReport(Command, "not-a-grid", Limits) { Description = "x" }, Now).Refusal?.Kind);
    }

    /// <summary>A case in a state where <paramref name="action"/> is legal.</summary>
    private static CaseStatus StateWhereLegal(CaseAction action) => StatusIn(CaseTransitions.From(action)[0]);
}
