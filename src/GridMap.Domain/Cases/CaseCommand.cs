namespace GridMap.Domain.Cases;

/// <summary>
/// A request to apply <see cref="Action"/> to a case. Which fields matter depends on the
/// action (<see cref="CaseRules"/>); the time is not part of it: the repository stamps it from
/// its <see cref="TimeProvider"/> so a client cannot backdate an event.
/// </summary>
public sealed record CaseCommand(CaseAction Action, CaseActor Actor)
{
    public string? Note { get; init; }

    public IReadOnlyList<Guid> PhotoIds { get; init; } = [];

    /// <summary>Where the actor was (an officer's phone position at the check, say).</summary>
    public CaseLocation? Location { get; init; }

    /// <summary>Dispatch and reassign: the officer who is to handle it.</summary>
    public long? AssigneeOfficerId { get; init; }

    /// <summary>Dispatch and reassign: replaces the responsible departments; null keeps them.</summary>
    public IReadOnlyList<string>? Departments { get; init; }

    public CancelReason? CancelReason { get; init; }

    public long? DuplicateOf { get; init; }

    /// <summary>Why, when a rule rather than a person decided (automatic dispatch: "grid-officer-on-shift").</summary>
    public string? Rule { get; init; }
}
