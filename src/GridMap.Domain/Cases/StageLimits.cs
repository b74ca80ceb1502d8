using GridMap.Domain.Calendar;

namespace GridMap.Domain.Cases;

/// <summary>
/// The time limits of one sub-category, one per timed stage. A case keeps the limits of the
/// taxonomy version it was filed under, so editing the taxonomy never moves a running deadline.
/// </summary>
public sealed record StageLimits(TimeLimit Verification, TimeLimit Dispatch, TimeLimit Handling, TimeLimit Check)
{
    public TimeLimit For(CaseStage stage) => stage switch
    {
        CaseStage.Verification => Verification,
        CaseStage.Dispatch => Dispatch,
        CaseStage.Handling => Handling,
        CaseStage.Check => Check,
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
