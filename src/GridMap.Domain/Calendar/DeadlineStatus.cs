namespace GridMap.Domain.Calendar;

public enum DeadlineState
{
    OnTime,

    /// <summary>Most of the limit is used (80% by default): time to warn the assignee.</summary>
    Nearing,

    Overdue,
}

/// <summary>
/// Where a running limit stands: its deadline, the time left on the limit's own clock (negative
/// when overdue) and the fraction of the limit used (above 1 when overdue).
/// </summary>
public sealed record DeadlineStatus(DateTimeOffset Deadline, TimeSpan Remaining, double FractionElapsed, DeadlineState State)
{
    public const double DefaultNearingFraction = 0.8;
}
