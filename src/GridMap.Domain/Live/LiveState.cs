namespace GridMap.Domain.Live;

/// <summary>How current an officer's position is.</summary>
public enum LiveState
{
    /// <summary>Reported recently.</summary>
    Live,

    /// <summary>No report for a while (60 s by default): the phone may be in a pocket or a lift.</summary>
    Stale,

    /// <summary>No report for long (10 min by default): the phone is off or out of coverage.</summary>
    Offline,
}

/// <summary>
/// When an officer without reports turns stale, then offline: one pair for the whole application
/// (the live store holds it; the API, the hub, the panel and the browser read it from there).
/// </summary>
public sealed record LiveThresholds(TimeSpan StaleAfter, TimeSpan OfflineAfter)
{
    public LiveState Classify(DateTimeOffset lastReport, DateTimeOffset now) =>
        LiveStates.Classify(lastReport, now, StaleAfter, OfflineAfter);

    /// <summary>Why these thresholds cannot work, or null.</summary>
    public string? Validate() => StaleAfter <= TimeSpan.Zero || OfflineAfter <= StaleAfter
        ? "StaleAfter must be positive and OfflineAfter longer than it"
        : null;
}

public static class LiveStates
{
    public static LiveState Classify(DateTimeOffset lastReport, DateTimeOffset now, TimeSpan staleAfter, TimeSpan offlineAfter)
    {
        var age = now - lastReport;
        return age >= offlineAfter ? LiveState.Offline
             : age >= staleAfter ? LiveState.Stale
             : LiveState.Live;
    }

    public static string ToCode(this LiveState state) => state switch
    {
        LiveState.Live => "live",
        LiveState.Stale => "stale",
        LiveState.Offline => "offline",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
