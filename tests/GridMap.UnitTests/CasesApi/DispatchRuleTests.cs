using GridMap.Domain.Cases.Dispatch;
using GridMap.Domain.Grids;
using GridMap.Domain.Live;

namespace GridMap.UnitTests.CasesApi;

public sealed class DispatchRuleTests
{
    private static readonly GridCode Grid = GridCode.Parse("44130201000101001");
    private static readonly ShiftWindow Day = new("day", new TimeOnly(8, 30), new TimeOnly(17, 30));
    private static readonly ShiftWindow Late = new("late", new TimeOnly(14, 0), new TimeOnly(22, 0));

    private static Func<ShiftWindow, bool> At(int hour) => shift => shift.Contains(new TimeOnly(hour, 0));

    private static DispatchCandidate Officer(long id, string grid, ShiftWindow shift) => new(id, $"officer {id}", grid, "grid_officer", shift);

    private static DispatchCandidate Leader(long id, string grid) => new(id, $"leader {id}", grid, "grid_leader", Day);

    [Fact]
    public void The_on_shift_grid_officer_of_the_grid_gets_the_case_lowest_id_first()
    {
        var choice = DispatchRule.Choose(Grid, [Officer(9, Grid.Value, Day), Officer(5, Grid.Value, Late), Officer(7, Grid.Value, Day), Leader(1, "44130201000101")], At(10));

        Assert.Equal((7L, DispatchRule.OnShiftOfficer), (choice!.OfficerId, choice.Rule));
    }

    [Fact]
    public void Off_shift_officers_and_officers_of_other_grids_are_passed_over_for_the_second_level_leader()
    {
        var choice = DispatchRule.Choose(Grid,
            [Officer(5, Grid.Value, Late), Officer(6, "44130201000101002", Day), Leader(3, "441302010001"), Leader(4, "44130201000101")], At(10));

        Assert.Equal(4L, choice!.OfficerId);
        Assert.Equal(DispatchRule.LeaderRule(2), choice.Rule);
    }

    [Fact]
    public void Without_a_second_level_leader_the_first_level_leader_gets_it_and_without_anyone_nobody()
    {
        Assert.Equal(3L, DispatchRule.Choose(Grid, [Officer(5, Grid.Value, Late), Leader(3, "441302010001")], At(10))!.OfficerId);
        Assert.Null(DispatchRule.Choose(Grid, [Officer(5, Grid.Value, Late)], At(10)));
    }

    [Fact]
    public void The_grids_to_ask_are_the_grid_and_its_ancestors()
    {
        Assert.Equal(["44130201000101001", "44130201000101", "441302010001"], DispatchRule.GridsToAsk(Grid));
    }
}
