namespace GridMap.Domain.Cases;

/// <summary>
/// Where a case is in the standard workflow (信息采集 → 核实 → 立案 → 派遣 → 处置 → 核查 → 结案).
/// Stored as the snake_case code (<see cref="CaseStates.ToCode"/>).
/// </summary>
public enum CaseState
{
    /// <summary>上报: reported, not yet verified on site.</summary>
    Reported,

    /// <summary>核实立案: verified and filed, waiting for dispatch.</summary>
    Verified,

    /// <summary>作废: cancelled as invalid or as a duplicate. Terminal.</summary>
    Cancelled,

    /// <summary>已派遣: sent to an assignee, not yet accepted.</summary>
    Dispatched,

    /// <summary>已签收: the assignee accepted it.</summary>
    Accepted,

    /// <summary>处置中: being handled.</summary>
    InHandling,

    /// <summary>已处置: handled, with evidence, waiting for the on-site check.</summary>
    Handled,

    /// <summary>已核查: checked on site and found fixed, waiting to be closed.</summary>
    Checked,

    /// <summary>已结案: closed. Only <see cref="CaseAction.Reopen"/> leaves it.</summary>
    Closed,

    /// <summary>挂账: parked with a reason (cannot be solved now); its clock is stopped.</summary>
    Parked,
}

public static class CaseStates
{
    public static IReadOnlyList<CaseState> All { get; } = Enum.GetValues<CaseState>();

    public static string ToCode(this CaseState state) => state switch
    {
        CaseState.Reported => "reported",
        CaseState.Verified => "verified",
        CaseState.Cancelled => "cancelled",
        CaseState.Dispatched => "dispatched",
        CaseState.Accepted => "accepted",
        CaseState.InHandling => "in_handling",
        CaseState.Handled => "handled",
        CaseState.Checked => "checked",
        CaseState.Closed => "closed",
        CaseState.Parked => "parked",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static CaseState FromCode(string code) => TryFromCode(code, out var state)
        ? state
        : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown case state.");

    public static bool TryFromCode(string? code, out CaseState state)
    {
        foreach (var candidate in All)
        {
            if (candidate.ToCode() == code)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>Not closed and not cancelled: a parked case is still open (and still blocks a duplicate).</summary>
    public static bool IsOpen(this CaseState state) => state is not (CaseState.Closed or CaseState.Cancelled);
}
