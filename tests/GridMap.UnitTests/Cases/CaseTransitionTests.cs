using GridMap.Domain.Cases;
using static GridMap.UnitTests.Cases.CaseTestKit;

namespace GridMap.UnitTests.Cases;

/// <summary>Every state × every action, against a table written out here independently of the domain's.</summary>
public sealed class CaseTransitionTests
{
    private static readonly Dictionary<(CaseState, CaseAction), CaseState> Legal = new()
    {
        [(CaseState.Reported, CaseAction.Verify)] = CaseState.Verified,
        [(CaseState.Reported, CaseAction.Cancel)] = CaseState.Cancelled,
        [(CaseState.Reported, CaseAction.Escalate)] = CaseState.Reported,
        [(CaseState.Reported, CaseAction.Warn)] = CaseState.Reported,

        [(CaseState.Verified, CaseAction.Cancel)] = CaseState.Cancelled,
        [(CaseState.Verified, CaseAction.Dispatch)] = CaseState.Dispatched,
        [(CaseState.Verified, CaseAction.Park)] = CaseState.Parked,
        [(CaseState.Verified, CaseAction.Escalate)] = CaseState.Verified,
        [(CaseState.Verified, CaseAction.Warn)] = CaseState.Verified,

        [(CaseState.Dispatched, CaseAction.Reassign)] = CaseState.Dispatched,
        [(CaseState.Dispatched, CaseAction.Accept)] = CaseState.Accepted,
        [(CaseState.Dispatched, CaseAction.Park)] = CaseState.Parked,
        [(CaseState.Dispatched, CaseAction.Escalate)] = CaseState.Dispatched,
        [(CaseState.Dispatched, CaseAction.Warn)] = CaseState.Dispatched,

        [(CaseState.Accepted, CaseAction.Reassign)] = CaseState.Dispatched,
        [(CaseState.Accepted, CaseAction.Start)] = CaseState.InHandling,
        [(CaseState.Accepted, CaseAction.Park)] = CaseState.Parked,
        [(CaseState.Accepted, CaseAction.Escalate)] = CaseState.Accepted,
        [(CaseState.Accepted, CaseAction.Warn)] = CaseState.Accepted,

        [(CaseState.InHandling, CaseAction.Reassign)] = CaseState.Dispatched,
        [(CaseState.InHandling, CaseAction.Handle)] = CaseState.Handled,
        [(CaseState.InHandling, CaseAction.Park)] = CaseState.Parked,
        [(CaseState.InHandling, CaseAction.Escalate)] = CaseState.InHandling,
        [(CaseState.InHandling, CaseAction.Warn)] = CaseState.InHandling,

        [(CaseState.Handled, CaseAction.CheckPass)] = CaseState.Checked,
        [(CaseState.Handled, CaseAction.CheckFail)] = CaseState.InHandling,
        [(CaseState.Handled, CaseAction.Escalate)] = CaseState.Handled,
        [(CaseState.Handled, CaseAction.Warn)] = CaseState.Handled,

        [(CaseState.Checked, CaseAction.Close)] = CaseState.Closed,

        [(CaseState.Closed, CaseAction.Reopen)] = CaseState.Verified,

        // StatusIn(Parked) was parked from in_handling.
        [(CaseState.Parked, CaseAction.Unpark)] = CaseState.InHandling,
    };

    public static TheoryData<CaseState, CaseAction> AllPairs()
    {
        var data = new TheoryData<CaseState, CaseAction>();
        foreach (var state in Enum.GetValues<CaseState>())
        {
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                data.Add(state, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Each_state_and_action(CaseState state, CaseAction action)
    {
        var status = StatusIn(state);
        var result = Apply(status, Valid(action));

        if (Legal.TryGetValue((state, action), out var target))
        {
            Assert.True(result.Succeeded, result.Refusal?.Message);
            Assert.Equal(target, result.Status!.State);
            Assert.Equal(status.Version + 1, result.Status.Version);
            Assert.Equal(state, result.Event!.From);
            Assert.Equal(target, result.Event.To);
            Assert.Equal(action, result.Event.Action);
            Assert.Equal(result.Status.Version, result.Event.Sequence);
            Assert.Equal(Now, result.Event.At);
        }
        else
        {
            Assert.False(result.Succeeded);
            var refusal = result.Refusal!;
            Assert.Equal(RefusalKind.IllegalTransition, refusal.Kind);
            Assert.Equal(state, refusal.State);
            Assert.Equal(action, refusal.Action);
            Assert.Contains(action.ToCode(), refusal.Message);
            Assert.Contains(state.ToCode(), refusal.Message);
            Assert.Null(result.Status);
            Assert.Null(result.Event);
        }
    }

    [Fact]
    public void The_domain_table_and_this_one_agree_on_every_pair()
    {
        foreach (var state in Enum.GetValues<CaseState>())
        {
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                Assert.Equal(Legal.ContainsKey((state, action)), CaseTransitions.IsLegal(state, action));
            }
        }

        Assert.Equal([CaseAction.Verify, CaseAction.Cancel, CaseAction.Escalate, CaseAction.Warn], CaseTransitions.LegalIn(CaseState.Reported));
        Assert.Empty(CaseTransitions.LegalIn(CaseState.Cancelled));
    }

    [Fact]
    public void The_refusal_says_where_the_action_would_apply()
    {
        var result = Apply(StatusIn(CaseState.Reported), Valid(CaseAction.Accept));

        Assert.Equal("cannot accept a case that is reported: accept applies only to a case that is dispatched", result.Refusal!.Message);
    }

    [Fact]
    public void Unpark_returns_to_the_state_the_case_was_parked_from()
    {
        foreach (var from in new[] { CaseState.Verified, CaseState.Dispatched, CaseState.Accepted, CaseState.InHandling })
        {
            var parked = Apply(StatusIn(from), Valid(CaseAction.Park));
            Assert.Equal(CaseState.Parked, parked.Status!.State);
            Assert.Equal(from, parked.Status.ParkedFrom);

            var unparked = Apply(parked.Status, Valid(CaseAction.Unpark), Now.AddDays(3));
            Assert.Equal(from, unparked.Status!.State);
            Assert.Null(unparked.Status.ParkedFrom);
        }
    }

    [Fact]
    public void Codes_round_trip()
    {
        foreach (var state in CaseStates.All)
        {
            Assert.Equal(state, CaseStates.FromCode(state.ToCode()));
        }

        foreach (var action in CaseActions.All)
        {
            Assert.Equal(action, CaseActions.FromCode(action.ToCode()));
        }

        Assert.True(CaseActions.TryFromCode("return", out var rework));
        Assert.Equal(CaseAction.CheckFail, rework);
        Assert.False(CaseStates.TryFromCode("done", out _));
        Assert.True(CaseState.Parked.IsOpen());
        Assert.False(CaseState.Cancelled.IsOpen());
    }
}
