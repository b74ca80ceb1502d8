using GridMap.Domain.Access;

namespace GridMap.Domain.Cases;

/// <summary>
/// Who may take an action. Roles are the console roles; "the assignee" is whoever's officer
/// record the case is assigned to, whatever their role. Reasons for the less obvious rules:
/// grid officers verify and check (they are the ones on site) but do not cancel, so a report
/// cannot be quietly dropped by the person whose valid-report rate it counts against; parking
/// and reopening stop or restart the clock, so they belong to the command centre; the assignee
/// may not check their own work (核查 is independent of 处置).
/// </summary>
public sealed record ActionRule(
    IReadOnlySet<UserRole> Roles,
    bool Assignee = false,
    bool AssigneeExcluded = false,
    bool System = false,
    bool Open311 = false,
    bool NoteRequired = false);

public static partial class CaseRules
{
    public const int MaxNoteLength = 2000;

    /// <summary>Photos per event: nine, the phone apps' usual limit.</summary>
    public const int MaxPhotos = 9;

    public const int MaxRuleLength = 100;

    private static readonly HashSet<UserRole> s_everyone =
        [UserRole.Command, UserRole.GridLeader, UserRole.GridOfficer, UserRole.Official, UserRole.Admin];

    private static readonly HashSet<UserRole> s_dispatchers = [UserRole.Command, UserRole.GridLeader, UserRole.Admin];
    private static readonly HashSet<UserRole> s_fieldAndDispatch = [UserRole.Command, UserRole.GridLeader, UserRole.GridOfficer, UserRole.Admin];
    private static readonly HashSet<UserRole> s_centre = [UserRole.Command, UserRole.Admin];
    private static readonly HashSet<UserRole> s_none = [];

    private static readonly Dictionary<CaseAction, ActionRule> s_rules = new()
    {
        [CaseAction.Report] = new(s_everyone, System: true, Open311: true),
        [CaseAction.Verify] = new(s_fieldAndDispatch),
        [CaseAction.Cancel] = new(s_dispatchers, NoteRequired: true),
        [CaseAction.Dispatch] = new(s_dispatchers, System: true),
        [CaseAction.Reassign] = new(s_dispatchers, NoteRequired: true),
        [CaseAction.Accept] = new(s_none, Assignee: true),
        [CaseAction.Start] = new(s_none, Assignee: true),
        [CaseAction.Handle] = new(s_none, Assignee: true),
        [CaseAction.CheckPass] = new(s_fieldAndDispatch, AssigneeExcluded: true),
        [CaseAction.CheckFail] = new(s_fieldAndDispatch, AssigneeExcluded: true, NoteRequired: true),
        [CaseAction.Close] = new(s_dispatchers),
        [CaseAction.Reopen] = new(s_centre, NoteRequired: true),
        [CaseAction.Park] = new(s_centre, NoteRequired: true),
        [CaseAction.Unpark] = new(s_centre),
        [CaseAction.Escalate] = new(s_dispatchers, System: true, NoteRequired: true),
        [CaseAction.Warn] = new(s_centre, System: true),
    };

    public static ActionRule For(CaseAction action) => s_rules[action];

    /// <summary>Why <paramref name="actor"/> may not take <paramref name="action"/> on <paramref name="status"/>, or null when they may.</summary>
    public static string? WhyNotPermitted(CaseAction action, CaseActor actor, CaseStatus? status)
    {
        var rule = s_rules[action];
        var isAssignee = actor.Kind == CaseActorKind.User
                         && actor.OfficerId is { } officer
                         && status?.AssigneeOfficerId == officer;
        if (rule.AssigneeExcluded && isAssignee)
        {
            return $"the assignee may not {action.ToCode()} their own work: the check is done by someone else";
        }

        var permitted = actor.Kind switch
        {
            CaseActorKind.System => rule.System,
            CaseActorKind.Open311 => rule.Open311,
            _ => (actor.Role is { } role && rule.Roles.Contains(role)) || (rule.Assignee && isAssignee),
        };
        if (permitted)
        {
            return null;
        }

        var who = new List<string>();
        if (rule.Roles.Count > 0)
        {
            who.Add(string.Join(", ", rule.Roles.OrderBy(r => r).Select(r => r.ToCode())));
        }

        if (rule.Assignee)
        {
            who.Add(status?.AssigneeOfficerId is { } assignee ? $"the assignee (officer {assignee})" : "the assignee");
        }

        if (rule.System)
        {
            who.Add("the system");
        }

        if (rule.Open311)
        {
            who.Add("Open311 clients");
        }

        return $"{actor.Describe()} may not {action.ToCode()} a case: {action.ToCode()} is for {string.Join("; ", who)}";
    }
}
