using GridMap.Domain.Cases;

namespace GridMap.Web.Worklist;

/// <summary>
/// Which actions the case panel offers: those legal in the case's state now that the domain
/// permits to the viewer. Warn is the deadline watcher's, never a button.
/// </summary>
public static class CasePanelActions
{
    public static IReadOnlyList<CaseAction> For(CaseStatus status, CaseActor viewer) =>
        CaseTransitions.LegalIn(status.State)
            .Where(a => a is not (CaseAction.Warn or CaseAction.Report))
            .Where(a => CaseRules.WhyNotPermitted(a, viewer, status) is null)
            .ToList();

    /// <summary>The code a form posts and tests address (check_fail is "return" in the console's words).</summary>
    public static string FormCode(this CaseAction action) =>
        action == CaseAction.CheckFail ? "return" : action.ToCode();

    /// <summary>Whether the domain refuses the action without a note (its reason).</summary>
    public static bool NeedsReason(this CaseAction action) => CaseRules.For(action).NoteRequired;

    /// <summary>Actions with fields to fill (more than a button).</summary>
    public static bool HasFields(this CaseAction action) =>
        action.NeedsReason() || action is CaseAction.Dispatch or CaseAction.Reassign or CaseAction.Cancel;
}
