namespace GridMap.Domain.Cases;

/// <summary>
/// One entry of a case's timeline: an action, who did it, when and where, and the state before
/// and after (equal for escalate and warn). Events are append-only; the case row is only a
/// summary of them. <see cref="DueAt"/> is the deadline that was running when the action
/// happened, so whether a stage was finished on time never needs the taxonomy again.
/// </summary>
public sealed record CaseEvent
{
    public required int Sequence { get; init; }

    public required CaseAction Action { get; init; }

    /// <summary>Null for the report that created the case.</summary>
    public CaseState? From { get; init; }

    public required CaseState To { get; init; }

    public required CaseActor Actor { get; init; }

    public required DateTimeOffset At { get; init; }

    public CaseLocation? Location { get; init; }

    public string? Note { get; init; }

    public IReadOnlyList<Guid> PhotoIds { get; init; } = [];

    /// <summary>The assignee after a dispatch or reassign.</summary>
    public long? AssigneeOfficerId { get; init; }

    /// <summary>The responsible departments after a report, dispatch or reassign.</summary>
    public IReadOnlyList<string>? Departments { get; init; }

    /// <summary>The level reached by an escalation.</summary>
    public int? EscalationLevel { get; init; }

    /// <summary>The deadline running before the action (null when no clock ran).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The deadline running after the action.</summary>
    public DateTimeOffset? Deadline { get; init; }

    public CancelReason? CancelReason { get; init; }

    public long? DuplicateOf { get; init; }

    public string? Rule { get; init; }

    /// <summary>Finished at or before the deadline that was running (always true when none ran).</summary>
    public bool OnTime => DueAt is not { } due || At <= due;
}
