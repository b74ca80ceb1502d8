using GridMap.Domain.Calendar;

namespace GridMap.Domain.Cases;

/// <summary>
/// The part of a case that the workflow reads and changes. <see cref="Version"/> counts the
/// events (the report is 1) and is what optimistic concurrency compares.
/// </summary>
public sealed record CaseStatus
{
    public required long Id { get; init; }

    /// <summary>The third-level grid the case is in; escalation goes up from it.</summary>
    public required string GridCode { get; init; }

    public required CaseState State { get; init; }

    public required int Version { get; init; }

    /// <summary>The state to go back to on unpark; set exactly when parked.</summary>
    public CaseState? ParkedFrom { get; init; }

    public long? AssigneeOfficerId { get; init; }

    /// <summary>Responsible departments (codes), notified at dispatch.</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>The timed stage now running, and when it started; null when no clock runs.</summary>
    public CaseStage? Stage { get; init; }

    public DateTimeOffset? StageStartedAt { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The limit of the running stage (kept so remaining time needs no taxonomy look-up).</summary>
    public TimeLimit? StageLimit { get; init; }

    /// <summary>When the assignee was warned that the running stage nears its limit.</summary>
    public DateTimeOffset? WarnedAt { get; init; }

    /// <summary>0 none; 1 second-level grid leader; 2 first-level grid leader; 3 street command centre.</summary>
    public int EscalationLevel { get; init; }

    public int ReworkCount { get; init; }

    public long? DuplicateOf { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
}
