using System.Text.RegularExpressions;
using GridMap.Domain.Calendar;
using GridMap.Domain.Grids;

namespace GridMap.Domain.Cases;

/// <summary>What a report brings to the workflow: the case's grid, departments and time limits.</summary>
public sealed record CaseReport(CaseActor Actor, string GridCode, StageLimits Limits)
{
    /// <summary>The description; it becomes the note of the report event.</summary>
    public string? Description { get; init; }

    public IReadOnlyList<string> Departments { get; init; } = [];

    public IReadOnlyList<Guid> PhotoIds { get; init; } = [];

    public CaseLocation? Location { get; init; }
}

/// <summary>
/// The case state machine. Pure: given a case's status, a command, its time limits and the
/// time, it answers with the new status and the event to append, or a refusal that names the
/// state and the action. Order of checks: legality (state × action), then who may, then the
/// fields; so a console learns first whether the action makes sense at all.
/// Every transition restarts the stage clock when it enters a different timed stage (and on
/// reassign, which gives the new assignee the full limit); accept and start keep the handling
/// clock running. Restarting clears the warning and the escalation level of the old stage.
/// </summary>
public sealed partial class CaseWorkflow(WorkingCalendar calendar)
{
    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>Creates the first status and the report event (version 1).</summary>
    public TransitionResult Report(CaseReport report, DateTimeOffset now)
    {
        const CaseAction action = CaseAction.Report;
        if (CaseRules.WhyNotPermitted(action, report.Actor, null) is { } notPermitted)
        {
            return Refuse(RefusalKind.NotPermitted, action, null, notPermitted);
        }

        if (!GridCode.TryParse(report.GridCode, out var grid, out var gridError))
        {
            return Refuse(RefusalKind.InvalidField, action, null, gridError);
        }

        if (grid.Level != GridLevel.Third)
        {
            return Refuse(RefusalKind.InvalidField, action, null, $"a case belongs to a third-level grid, not to level-{(int)grid.Level} grid {grid.Value}");
        }

        if (string.IsNullOrWhiteSpace(report.Description))
        {
            return Refuse(RefusalKind.MissingField, action, null, "a report needs a description");
        }

        if (CheckCommon(action, null, report.Description, report.PhotoIds, report.Location, null) is { } common)
        {
            return TransitionResult.Refused(common);
        }

        if (CheckDepartments(action, null, report.Departments) is { } departments)
        {
            return TransitionResult.Refused(departments);
        }

        var limit = report.Limits.Verification;
        var deadline = Calendar.Deadline(now, limit);
        var status = new CaseStatus
        {
            Id = 0,
            GridCode = grid.Value,
            State = CaseState.Reported,
            Version = 1,
            Departments = report.Departments.Distinct().ToList(),
            Stage = CaseStage.Verification,
            StageStartedAt = now,
            StageLimit = limit,
            Deadline = deadline,
            CreatedAt = now,
        };
        var @event = new CaseEvent
        {
            Sequence = 1,
            Action = action,
            From = null,
            To = CaseState.Reported,
            Actor = report.Actor,
            At = now,
            Location = report.Location,
            Note = report.Description.Trim(),
            PhotoIds = report.PhotoIds.ToList(),
            Departments = status.Departments,
            Deadline = deadline,
        };
        return TransitionResult.Applied(status, @event);
    }

    public TransitionResult Apply(CaseStatus status, CaseCommand command, StageLimits limits, DateTimeOffset now)
    {
        var action = command.Action;
        var state = status.State;
        if (!CaseTransitions.IsLegal(state, action))
        {
            return Refuse(RefusalKind.IllegalTransition, action, state, IllegalMessage(state, action));
        }

        if (CaseRules.WhyNotPermitted(action, command.Actor, status) is { } notPermitted)
        {
            return Refuse(RefusalKind.NotPermitted, action, state, notPermitted);
        }

        if (CheckFields(status, command) is { } fieldRefusal)
        {
            return TransitionResult.Refused(fieldRefusal);
        }

        var to = CaseTransitions.Target(status, action);
        var next = status with { State = to, Version = status.Version + 1 };
        next = action switch
        {
            CaseAction.Dispatch or CaseAction.Reassign => next with
            {
                AssigneeOfficerId = command.AssigneeOfficerId,
                Departments = command.Departments?.Distinct().ToList() ?? status.Departments,
            },
            CaseAction.Cancel => next with { DuplicateOf = command.DuplicateOf },
            CaseAction.CheckFail => next with { ReworkCount = status.ReworkCount + 1 },
            CaseAction.Close => next with { ClosedAt = now },
            CaseAction.Reopen => next with { ClosedAt = null },
            CaseAction.Park => next with { ParkedFrom = state },
            CaseAction.Unpark => next with { ParkedFrom = null },
            CaseAction.Escalate => next with { EscalationLevel = status.EscalationLevel + 1 },
            CaseAction.Warn => next with { WarnedAt = now },
            _ => next,
        };

        if (action is not (CaseAction.Escalate or CaseAction.Warn))
        {
            next = WithClock(next, status.Stage, action == CaseAction.Reassign, limits, now);
        }

        var @event = new CaseEvent
        {
            Sequence = next.Version,
            Action = action,
            From = state,
            To = to,
            Actor = command.Actor,
            At = now,
            Location = command.Location,
            Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
            PhotoIds = command.PhotoIds.ToList(),
            AssigneeOfficerId = action is CaseAction.Dispatch or CaseAction.Reassign ? next.AssigneeOfficerId : null,
            Departments = action is CaseAction.Dispatch or CaseAction.Reassign ? next.Departments : null,
            EscalationLevel = action == CaseAction.Escalate ? next.EscalationLevel : null,
            DueAt = status.Deadline,
            Deadline = next.Deadline,
            CancelReason = command.CancelReason,
            DuplicateOf = command.DuplicateOf,
            Rule = string.IsNullOrWhiteSpace(command.Rule) ? null : command.Rule.Trim(),
        };
        return TransitionResult.Applied(next, @event);
    }

    /// <summary>Where the running stage stands at <paramref name="now"/>; null when no clock runs.</summary>
    public DeadlineStatus? DeadlineOf(CaseStatus status, DateTimeOffset now, double nearingFraction = DeadlineStatus.DefaultNearingFraction) =>
        status is { StageStartedAt: { } start, Deadline: { } deadline, StageLimit: { } limit }
            ? Calendar.Status(start, deadline, limit, now, nearingFraction)
            : null;

    private CaseStatus WithClock(CaseStatus next, CaseStage? previousStage, bool restart, StageLimits limits, DateTimeOffset now)
    {
        var stage = CaseValueCodes.StageOf(next.State);
        if (stage is not { } running)
        {
            return next with
            {
                Stage = null, StageStartedAt = null, StageLimit = null, Deadline = null, WarnedAt = null, EscalationLevel = 0,
            };
        }

        if (running == previousStage && !restart)
        {
            return next;
        }

        var limit = limits.For(running);
        return next with
        {
            Stage = running,
            StageStartedAt = now,
            StageLimit = limit,
            Deadline = Calendar.Deadline(now, limit),
            WarnedAt = null,
            EscalationLevel = 0,
        };
    }

    private static CaseRefusal? CheckFields(CaseStatus status, CaseCommand command)
    {
        var action = command.Action;
        var state = status.State;
        if (CheckCommon(action, state, command.Note, command.PhotoIds, command.Location, command.Rule) is { } common)
        {
            return common;
        }

        if (CaseRules.For(action).NoteRequired && string.IsNullOrWhiteSpace(command.Note))
        {
            return new(RefusalKind.MissingField, action, state, $"a note giving the reason is required to {action.ToCode()} a case");
        }

        var assigns = action is CaseAction.Dispatch or CaseAction.Reassign;
        if (!assigns && command.AssigneeOfficerId is not null)
        {
            return new(RefusalKind.InvalidField, action, state, $"an assignee is given only to dispatch or reassign, not to {action.ToCode()}");
        }

        if (!assigns && command.Departments is not null)
        {
            return new(RefusalKind.InvalidField, action, state, $"departments are set only by dispatch or reassign, not by {action.ToCode()}");
        }

        if (action != CaseAction.Cancel && (command.CancelReason is not null || command.DuplicateOf is not null))
        {
            return new(RefusalKind.InvalidField, action, state, $"a cancel reason or duplicate is given only to cancel, not to {action.ToCode()}");
        }

        switch (action)
        {
            case CaseAction.Dispatch or CaseAction.Reassign:
                if (command.AssigneeOfficerId is not { } assignee)
                {
                    return new(RefusalKind.MissingField, action, state, $"{action.ToCode()} needs the officer who is to handle the case");
                }

                if (assignee <= 0)
                {
                    return new(RefusalKind.InvalidField, action, state, $"officer id {assignee} is not valid");
                }

                if (action == CaseAction.Reassign && assignee == status.AssigneeOfficerId)
                {
                    return new(RefusalKind.InvalidField, action, state, $"the case is already assigned to officer {assignee}; reassign needs another officer");
                }

                return CheckDepartments(action, state, command.Departments);

            case CaseAction.Cancel:
                if (command.CancelReason is not { } reason)
                {
                    return new(RefusalKind.MissingField, action, state, "cancel needs a reason: invalid or duplicate");
                }

                if (reason == CancelReason.Duplicate && command.DuplicateOf is null)
                {
                    return new(RefusalKind.MissingField, action, state, "a case cancelled as a duplicate needs the case it duplicates");
                }

                if (reason == CancelReason.Invalid && command.DuplicateOf is not null)
                {
                    return new(RefusalKind.InvalidField, action, state, "a case cancelled as invalid does not name a case it duplicates");
                }

                if (command.DuplicateOf == status.Id)
                {
                    return new(RefusalKind.InvalidField, action, state, "a case cannot be a duplicate of itself");
                }

                if (command.DuplicateOf is <= 0)
                {
                    return new(RefusalKind.InvalidField, action, state, $"case id {command.DuplicateOf} is not valid");
                }

                return null;

            case CaseAction.Handle when command.PhotoIds.Count == 0:
                return new(RefusalKind.MissingField, action, state, "handle needs at least one evidence photo of the result");

            case CaseAction.Escalate when status.EscalationLevel >= Escalation.MaxLevel:
                return new(RefusalKind.InvalidField, action, state, "the case is already escalated to the street command centre (level 3)");

            case CaseAction.Warn when status.WarnedAt is { } warned && status.StageStartedAt is { } started && warned >= started:
                return new(RefusalKind.InvalidField, action, state, $"the assignee was already warned about this {status.Stage?.ToCode()} stage at {warned:O}");

            default:
                return null;
        }
    }

    private static CaseRefusal? CheckCommon(
        CaseAction action, CaseState? state, string? note, IReadOnlyList<Guid> photoIds, CaseLocation? location, string? rule)
    {
        if (CaseRules.ValidateActionInput(note, photoIds.Count, location?.Lat, location?.Lon) is { Count: > 0 } fieldErrors)
        {
            return CaseRefusal.OfFields(action, state, fieldErrors);
        }

        if (photoIds.Any(p => p == Guid.Empty) || photoIds.Distinct().Count() != photoIds.Count)
        {
            return new(RefusalKind.InvalidField, action, state, "photo ids must be distinct and not empty");
        }

        if (rule is { Length: > CaseRules.MaxRuleLength })
        {
            return new(RefusalKind.InvalidField, action, state, $"the rule name has more than {CaseRules.MaxRuleLength} characters");
        }

        return null;
    }

    private static CaseRefusal? CheckDepartments(CaseAction action, CaseState? state, IReadOnlyList<string>? departments)
    {
        foreach (var code in departments ?? [])
        {
            if (!DepartmentCode().IsMatch(code))
            {
                return new(RefusalKind.InvalidField, action, state, $"'{code}' is not a department code");
            }
        }

        return null;
    }

    private static string IllegalMessage(CaseState state, CaseAction action)
    {
        if (action == CaseAction.Report)
        {
            return $"cannot report a case that already exists (it is {state.ToCode()}): report only creates cases";
        }

        var from = CaseTransitions.From(action);
        return $"cannot {action.ToCode()} a case that is {state.ToCode()}: {action.ToCode()} applies only to a case that is {string.Join(" or ", from.Select(s => s.ToCode()))}";
    }

    private static TransitionResult Refuse(RefusalKind kind, CaseAction action, CaseState? state, string message) =>
        TransitionResult.Refused(new CaseRefusal(kind, action, state, message));

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}$")]
    private static partial Regex DepartmentCode();
}
