namespace GridMap.Domain.Cases;

public enum RefusalKind
{
    /// <summary>The action is not legal in the case's state.</summary>
    IllegalTransition,

    /// <summary>The actor's role (or not being the assignee) does not allow it.</summary>
    NotPermitted,

    /// <summary>A field the action needs is missing (a reason, an assignee, evidence).</summary>
    MissingField,

    /// <summary>A field is present but wrong (too long, out of range, not for this action).</summary>
    InvalidField,
}

/// <summary>Why an action was refused, in words a console can show as they are.</summary>
public sealed record CaseRefusal(RefusalKind Kind, CaseAction Action, CaseState? State, string Message)
{
    /// <summary>For <see cref="RefusalKind.InvalidField"/> from the field rules: every field error, keyed by field, for the caller to show in its language.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];

    /// <summary>A refusal of fields that broke <see cref="CaseRules"/>; the message names the codes for logs.</summary>
    public static CaseRefusal OfFields(CaseAction action, CaseState? state, IReadOnlyList<FieldError> errors) =>
        new(RefusalKind.InvalidField, action, state, string.Join("; ", errors)) { FieldErrors = errors };

    public override string ToString() => Message;
}

/// <summary>The outcome of asking the workflow for a transition: the new status and its event, or a refusal.</summary>
public sealed record TransitionResult
{
    private TransitionResult(CaseStatus? status, CaseEvent? @event, CaseRefusal? refusal)
    {
        Status = status;
        Event = @event;
        Refusal = refusal;
    }

    public CaseStatus? Status { get; }

    public CaseEvent? Event { get; }

    public CaseRefusal? Refusal { get; }

    public bool Succeeded => Refusal is null;

    public static TransitionResult Applied(CaseStatus status, CaseEvent @event) => new(status, @event, null);

    public static TransitionResult Refused(CaseRefusal refusal) => new(null, null, refusal);
}
