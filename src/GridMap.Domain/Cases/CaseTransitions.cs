namespace GridMap.Domain.Cases;

/// <summary>
/// The transition table: from which states each action is legal and where it leads. Everything
/// not listed is illegal. Choices (see docs/cases.md):
/// a failed check returns the case to <see cref="CaseState.InHandling"/> with the same assignee,
/// who has already accepted it (rework needs no second acceptance; a wrong assignee is fixed
/// with reassign); a reopened case goes back to <see cref="CaseState.Verified"/> because the
/// facts stand but it needs a fresh dispatch decision; unpark returns to the state the case was
/// parked from; escalate and warn leave the state as it is.
/// </summary>
public static class CaseTransitions
{
    private static readonly CaseState[] s_timed =
    [
        CaseState.Reported, CaseState.Verified, CaseState.Dispatched, CaseState.Accepted, CaseState.InHandling, CaseState.Handled,
    ];

    private static readonly Dictionary<CaseAction, CaseState[]> s_from = new()
    {
        [CaseAction.Report] = [],
        [CaseAction.Verify] = [CaseState.Reported],
        [CaseAction.Cancel] = [CaseState.Reported, CaseState.Verified],
        [CaseAction.Dispatch] = [CaseState.Verified],
        [CaseAction.Reassign] = [CaseState.Dispatched, CaseState.Accepted, CaseState.InHandling],
        [CaseAction.Accept] = [CaseState.Dispatched],
        [CaseAction.Start] = [CaseState.Accepted],
        [CaseAction.Handle] = [CaseState.InHandling],
        [CaseAction.CheckPass] = [CaseState.Handled],
        [CaseAction.CheckFail] = [CaseState.Handled],
        [CaseAction.Close] = [CaseState.Checked],
        [CaseAction.Reopen] = [CaseState.Closed],
        // Parking is for a filed case that cannot be solved now; a report is verified or
        // cancelled first, and a handled case only waits for its check.
        [CaseAction.Park] = [CaseState.Verified, CaseState.Dispatched, CaseState.Accepted, CaseState.InHandling],
        [CaseAction.Unpark] = [CaseState.Parked],
        // Only a running clock can be escalated or warned about.
        [CaseAction.Escalate] = s_timed,
        [CaseAction.Warn] = s_timed,
    };

    /// <summary>The states from which <paramref name="action"/> is legal (none for report, which creates a case).</summary>
    public static IReadOnlyList<CaseState> From(CaseAction action) => s_from[action];

    public static bool IsLegal(CaseState state, CaseAction action) => s_from[action].Contains(state);

    /// <summary>The actions legal in <paramref name="state"/>, in declaration order (what a console offers).</summary>
    public static IReadOnlyList<CaseAction> LegalIn(CaseState state) =>
        CaseActions.All.Where(a => IsLegal(state, a)).ToList();

    /// <summary>Where a legal action leads from <paramref name="status"/>.</summary>
    public static CaseState Target(CaseStatus status, CaseAction action)
    {
        if (!IsLegal(status.State, action))
        {
            throw new InvalidOperationException($"{action.ToCode()} is not legal in state {status.State.ToCode()}.");
        }

        return action switch
        {
            CaseAction.Verify => CaseState.Verified,
            CaseAction.Cancel => CaseState.Cancelled,
            CaseAction.Dispatch or CaseAction.Reassign => CaseState.Dispatched,
            CaseAction.Accept => CaseState.Accepted,
            CaseAction.Start => CaseState.InHandling,
            CaseAction.Handle => CaseState.Handled,
            CaseAction.CheckPass => CaseState.Checked,
            CaseAction.CheckFail => CaseState.InHandling,
            CaseAction.Close => CaseState.Closed,
            CaseAction.Reopen => CaseState.Verified,
            CaseAction.Park => CaseState.Parked,
            CaseAction.Unpark => status.ParkedFrom
                ?? throw new InvalidOperationException("A parked case must remember the state it was parked from."),
            CaseAction.Escalate or CaseAction.Warn => status.State,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }
}
