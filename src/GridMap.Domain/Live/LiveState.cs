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
