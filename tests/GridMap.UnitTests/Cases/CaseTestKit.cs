using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using static GridMap.UnitTests.Cases.CalendarTestKit;

namespace GridMap.UnitTests.Cases;

/// <summary>Actors, limits and a case in every state, for the state-machine tests.</summary>
internal static class CaseTestKit
{
    public const string Grid = "44130201000101001";
    public const long AssigneeOfficer = 30;

    public static readonly StageLimits Limits = new(
        TimeLimit.WorkingHours(2), TimeLimit.WorkingHours(1), TimeLimit.WorkingDays(2), TimeLimit.WorkingDays(1));

    /// <summary>Monday 23 November 2026, 09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = At(2026, 11, 23, 9);

    public static readonly CaseActor Command = CaseActor.User(1, UserRole.Command, name: "指挥中心");
    public static readonly CaseActor Leader = CaseActor.User(2, UserRole.GridLeader, officerId: 20, name: "网格长");
    public static readonly CaseActor Assignee = CaseActor.User(3, UserRole.GridOfficer, officerId: AssigneeOfficer, name: "网格员甲");
    public static readonly CaseActor OtherOfficer = CaseActor.User(4, UserRole.GridOfficer, officerId: 40, name: "网格员乙");
    public static readonly CaseActor Official = CaseActor.User(5, UserRole.Official, name: "街道领导");
    public static readonly CaseActor Admin = CaseActor.User(6, UserRole.Admin, name: "管理员");
    public static readonly CaseActor SystemActor = CaseActor.System("deadlines");
    public static readonly CaseActor Open311 = CaseActor.Open311("k1");

    public static readonly Guid Photo = Guid.Parse("0192f0c2-0000-7000-8000-000000000001");

    public static CaseWorkflow Workflow { get; } = new(Calendar2026);

    /// <summary>A case in <paramref name="state"/>, assigned to officer 30 once dispatched, with its clock as the workflow would have set it.</summary>
    public static CaseStatus StatusIn(CaseState state)
    {
        var stage = CaseValueCodes.StageOf(state);
        var started = Now.AddHours(-1);
        var limit = stage is { } s ? Limits.For(s) : (TimeLimit?)null;
        return new CaseStatus
        {
            Id = 7,
            GridCode = Grid,
            State = state,
            Version = 5,
            ParkedFrom = state == CaseState.Parked ? CaseState.InHandling : null,
            AssigneeOfficerId = state is CaseState.Reported or CaseState.Verified or CaseState.Cancelled ? null : AssigneeOfficer,
            Departments = ["fire"],
            Stage = stage,
            StageStartedAt = stage is null ? null : started,
            StageLimit = limit,
            Deadline = limit is { } l ? Calendar2026.Deadline(started, l) : null,
            CreatedAt = Now.AddDays(-1),
            ClosedAt = state == CaseState.Closed ? Now.AddHours(-2) : null,
        };
    }

    /// <summary>A command for <paramref name="action"/> that a permitted actor gives with every field it needs.</summary>
    public static CaseCommand Valid(CaseAction action) => action switch
    {
        CaseAction.Verify => new(action, Command),
        CaseAction.Cancel => new(action, Command) { Note = "不符合立案条件", CancelReason = CancelReason.Invalid },
        CaseAction.Dispatch => new(action, Command) { AssigneeOfficerId = AssigneeOfficer },
        CaseAction.Reassign => new(action, Command) { AssigneeOfficerId = 40, Note = "派错网格" },
        CaseAction.Accept or CaseAction.Start => new(action, Assignee),
        CaseAction.Handle => new(action, Assignee) { PhotoIds = [Photo], Note = "已整改" },
        CaseAction.CheckPass => new(action, Leader),
        CaseAction.CheckFail => new(action, Leader) { Note = "飞线未拆除" },
        CaseAction.Close => new(action, Command),
        CaseAction.Reopen => new(action, Command) { Note = "群众再次反映" },
        CaseAction.Park => new(action, Command) { Note = "需纳入改造计划" },
        CaseAction.Unpark => new(action, Command),
        CaseAction.Escalate => new(action, SystemActor) { Note = "处置超时" },
        CaseAction.Warn => new(action, SystemActor),
        _ => new(action, Command),
    };

    public static TransitionResult Apply(CaseStatus status, CaseCommand command, DateTimeOffset? at = null) =>
        Workflow.Apply(status, command, Limits, at ?? Now);
}
