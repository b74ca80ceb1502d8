using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using static GridMap.IntegrationTests.Cases.CasesFixture;

namespace GridMap.IntegrationTests.Cases;

/// <summary>A grid leader sees and moves only the cases of their grids; worklists sort by deadline.</summary>
public sealed class CaseScopeTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    [Fact]
    public async Task Get_list_and_apply_are_limited_to_the_callers_grids()
    {
        fixture.Clock.AdjustTime(Monday9);
        var west = await fixture.CreateAsync(fixture.Report(grid: West));
        var east = await fixture.CreateAsync(fixture.Report(grid: East));

        Assert.NotNull(await fixture.Cases.GetAsync(WestLeader, west.Id, Ct));
        Assert.Null(await fixture.Cases.GetAsync(WestLeader, east.Id, Ct));
        Assert.Null(await fixture.Cases.GetByNumberAsync(WestLeader, east.Number, Ct));
        Assert.NotNull(await fixture.Cases.GetAsync(GridScope.Everything, east.Id, Ct));
        Assert.NotNull(await fixture.Cases.GetAsync(GridScope.Of([Domain.Grids.GridCode.Parse(Community)]), east.Id, Ct));

        var westList = await fixture.Cases.ListAsync(WestLeader, new CaseListQuery(), Ct);
        Assert.Contains(westList, c => c.Id == west.Id);
        Assert.DoesNotContain(westList, c => c.Id == east.Id);
        Assert.All(westList, c => Assert.StartsWith(WestGrid, c.GridCode));
        // Narrowing to a grid outside the scope does not widen it.
        Assert.Empty(await fixture.Cases.ListAsync(WestLeader, new CaseListQuery { GridCode = EastGrid }, Ct));

        var moved = await fixture.Cases.ApplyAsync(WestLeader, east.Id, east.Version, new CaseCommand(CaseAction.Verify, fixture.Leader), Ct);
        Assert.Equal(CaseWriteOutcome.NotFound, moved.Outcome);
        Assert.Equal(1, (await fixture.Cases.GetAsync(GridScope.Everything, east.Id, Ct))!.Version);
    }

    [Fact]
    public async Task Worklists_filter_by_state_and_put_the_most_urgent_deadline_first()
    {
        fixture.Clock.AdjustTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var grid = West;
        // Verification limits: 2 working hours (e-bike), 0.5 emergency hours (missing cover), 4 working hours (dumping).
        var ebike = await fixture.CreateAsync(fixture.Report(subcategory: "fire_ebike_indoor", grid: grid));
        var manhole = await fixture.CreateAsync(fixture.Report(subcategory: "env_manhole_missing", grid: grid));
        var dumping = await fixture.CreateAsync(fixture.Report(subcategory: "env_dumping", grid: grid));
        var closedLater = await fixture.CreateAsync(fixture.Report(subcategory: "env_dumping", grid: grid));
        await fixture.ApplyAsync(closedLater, new CaseCommand(CaseAction.Cancel, fixture.Leader) { CancelReason = CancelReason.Invalid, Note = "误报" });

        var mine = new[] { ebike.Id, manhole.Id, dumping.Id, closedLater.Id };
        var open = (await fixture.Cases.ListAsync(WestLeader, new CaseListQuery { OpenOnly = true, Limit = 500 }, Ct))
            .Where(c => mine.Contains(c.Id)).ToList();
        Assert.Equal([manhole.Id, ebike.Id, dumping.Id], open.Select(c => c.Id));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(8)), open[0].Deadline);
        Assert.Equal(Severity.Critical, open[0].Severity);
        Assert.Equal("井盖缺失", open[0].SubcategoryNameZh);

        var cancelled = await fixture.Cases.ListAsync(WestLeader, new CaseListQuery { States = [CaseState.Cancelled], Limit = 500 }, Ct);
        Assert.Contains(cancelled, c => c.Id == closedLater.Id);
        Assert.All(cancelled, c => Assert.Equal(CaseState.Cancelled, c.State));

        // At 10:00 only the missing cover (due 09:30) is overdue.
        fixture.Clock.AdjustTime(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)));
        var now = fixture.Clock.GetUtcNow();
        var overdue = await fixture.Cases.ListAsync(WestLeader, new CaseListQuery { OpenOnly = true, DeadlineBefore = now, Limit = 500 }, Ct);
        Assert.Contains(overdue, c => c.Id == manhole.Id);
        Assert.DoesNotContain(overdue, c => c.Id == ebike.Id);
        Assert.True(overdue.Single(c => c.Id == manhole.Id).IsOverdue(now));

        var paged = await fixture.Cases.ListAsync(WestLeader, new CaseListQuery { OpenOnly = true, Limit = 1, Offset = 1 }, Ct);
        Assert.Single(paged);
    }

    [Fact]
    public async Task A_worklist_of_one_assignee()
    {
        fixture.Clock.AdjustTime(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        var created = await fixture.CreateAsync(fixture.Report());
        var verified = await fixture.ApplyAsync(created, new CaseCommand(CaseAction.Verify, fixture.West1));
        await fixture.ApplyAsync(verified, new CaseCommand(CaseAction.Dispatch, fixture.Leader) { AssigneeOfficerId = fixture.OfficerEast });

        var tasks = await fixture.Cases.ListAsync(GridScope.Everything, new CaseListQuery { AssigneeOfficerId = fixture.OfficerEast, OpenOnly = true }, Ct);
        var task = Assert.Single(tasks);
        Assert.Equal(created.Id, task.Id);
        Assert.Equal(CaseState.Dispatched, task.State);
        Assert.Equal(CaseStage.Handling, task.Stage);
        Assert.Equal(3, task.Version);
    }
}
