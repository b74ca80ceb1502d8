namespace GridMap.Domain.Cases;

/// <summary>
/// Everything that can happen to a case. Each applied action is one event in the case's
/// timeline; <see cref="Report"/> creates the case, the rest are transitions
/// (<see cref="CaseTransitions"/> says from which states). Stored as the snake_case code.
/// </summary>
public enum CaseAction
{
    /// <summary>上报: creates the case in <see cref="CaseState.Reported"/>.</summary>
    Report,

    /// <summary>核实: the report is true and meets the filing conditions (立案).</summary>
    Verify,

    /// <summary>作废: invalid or a duplicate (reason required).</summary>
    Cancel,

    /// <summary>派遣: to an assignee (officer), with the responsible departments notified.</summary>
    Dispatch,

    /// <summary>改派: to another assignee (reason required); counts against the accurate dispatch rate.</summary>
    Reassign,

    /// <summary>签收: the assignee takes it.</summary>
    Accept,

    /// <summary>开始处置.</summary>
    Start,

    /// <summary>处置完毕: with evidence photos.</summary>
    Handle,

    /// <summary>核查通过: checked on site and fixed.</summary>
    CheckPass,

    /// <summary>核查不通过，返工: back to handling (reason required).</summary>
    CheckFail,

    /// <summary>结案.</summary>
    Close,

    /// <summary>重新打开 a closed case (reason required).</summary>
    Reopen,

    /// <summary>挂账 (reason required): stops the clock.</summary>
    Park,

    /// <summary>取消挂账: back to the state it was parked from, with a fresh limit.</summary>
    Unpark,

    /// <summary>升级: records an escalation one grid level up; the state does not change.</summary>
    Escalate,

    /// <summary>临期预警: records that the assignee was warned; the state does not change.</summary>
    Warn,
}

public static class CaseActions
{
    public static IReadOnlyList<CaseAction> All { get; } = Enum.GetValues<CaseAction>();

    public static string ToCode(this CaseAction action) => action switch
    {
        CaseAction.Report => "report",
        CaseAction.Verify => "verify",
        CaseAction.Cancel => "cancel",
        CaseAction.Dispatch => "dispatch",
        CaseAction.Reassign => "reassign",
        CaseAction.Accept => "accept",
        CaseAction.Start => "start",
        CaseAction.Handle => "handle",
        CaseAction.CheckPass => "check_pass",
        CaseAction.CheckFail => "check_fail",
        CaseAction.Close => "close",
        CaseAction.Reopen => "reopen",
        CaseAction.Park => "park",
        CaseAction.Unpark => "unpark",
        CaseAction.Escalate => "escalate",
        CaseAction.Warn => "warn",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static CaseAction FromCode(string code) => TryFromCode(code, out var action)
        ? action
        : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown case action.");

    /// <summary>Also accepts "return" for <see cref="CaseAction.CheckFail"/>, the word the console uses.</summary>
    public static bool TryFromCode(string? code, out CaseAction action)
    {
        if (code == "return")
        {
            action = CaseAction.CheckFail;
            return true;
        }

        foreach (var candidate in All)
        {
            if (candidate.ToCode() == code)
            {
                action = candidate;
                return true;
            }
        }

        action = default;
        return false;
    }
}
