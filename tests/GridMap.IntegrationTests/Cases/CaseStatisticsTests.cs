using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Indicators;
using static GridMap.IntegrationTests.Cases.CasesFixture;

namespace GridMap.IntegrationTests.Cases;

/// <summary>The indicators computed from timelines loaded from PostGIS, scoped and cut at the period end.</summary>
public sealed class CaseStatisticsTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset WeekStart = new(2026, 12, 14, 0, 0, 0, China);

    [Fact]
    public async Task Indicators_over_a_week_of_real_timelines()
    {
        var clock = fixture.Clock;
        clock.AdjustTime(WeekStart.AddHours(9)); // Monday 09:00

        // A: the whole workflow on time.
        var a = await fixture.CreateAsync(fixture.Report());
        a = await fixture.ApplyAsync(a, new CaseCommand(CaseAction.Verify, fixture.West1));
        a = await fixture.ApplyAsync(a, new CaseCommand(CaseAction.Dispatch, fixture.Leader) { AssigneeOfficerId = fixture.OfficerWest2 });
        a = await fixture.ApplyAsync(a, new CaseCommand(CaseAction.Accept, fixture.West2));
        a = await fixture.ApplyAsync(a, new CaseCommand(CaseAction.Start, fixture.West2));
        var (photoA, _) = await fixture.Cases.AddPhotoAsync(GridScope.Everything, a.Id, Jpeg(11), fixture.West2, Ct);
        clock.Advance(TimeSpan.FromHours(2));
        a = await fixture.ApplyAsync(a, new CaseCommand(CaseAction.Handle, fixture.West2) { PhotoIds = [photoA!.Value] });
        a = await fixture.ApplyAsync(a, new CaseCommand(CaseAction.CheckPass, fixture.West1));
        a = await fixture.ApplyAsync(a, new CaseCommand(CaseAction.Close, fixture.Leader));

        // B: cancelled as invalid.
        var b = await fixture.CreateAsync(fixture.Report(subcategory: "env_dumping"));
        await fixture.ApplyAsync(b, new CaseCommand(CaseAction.Cancel, fixture.Leader) { CancelReason = CancelReason.Invalid, Note = "误报" });

        // C: returned once for rework, then checked, not closed.
        var c = await fixture.CreateAsync(fixture.Report(subcategory: "crowd_balcony"));
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Verify, fixture.West1));
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Dispatch, fixture.Leader) { AssigneeOfficerId = fixture.OfficerWest2 });
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Accept, fixture.West2));
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Start, fixture.West2));
        var (photoC, _) = await fixture.Cases.AddPhotoAsync(GridScope.Everything, c.Id, Jpeg(12), fixture.West2, Ct);
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Handle, fixture.West2) { PhotoIds = [photoC!.Value] });
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.CheckFail, fixture.West1) { Note = "阳台仍有人居住" });
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Handle, fixture.West2) { PhotoIds = [photoC.Value] });
        var handledAgain = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(30));
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.CheckPass, fixture.West1));

        // D: east, from the public, never verified.
        await fixture.CreateAsync(fixture.Report(grid: East, subcategory: "env_manhole_loose") with { Source = CaseSource.Open311 }, CaseActor.Open311("k1"));

        var end = WeekStart.AddDays(7);
        var west = await fixture.Statistics.LoadAsync(WestLeader, WeekStart, end, Ct);
        Assert.Equal(3, west.Count);
        Assert.All(west, h => Assert.StartsWith(WestGrid, h.GridCode));
        Assert.Equal(8, west.Single(h => h.CaseId == a.Id).Events.Count);

        var set = CaseIndicators.Compute(west, end);
        Assert.Equal(3, set.Filed);
        Assert.Equal(1, set.Cancelled);
        Assert.Equal(1, set.Closed);
        Assert.Equal(1, set.ClosedOnTime);
        Assert.Equal(0.5, set.ClosureRate);
        Assert.Equal(1, set.ReworkCount);
        Assert.Equal(2, set.CasesHandled);
        Assert.Equal(0.5, set.ReworkRate);
        Assert.Equal(1.0, set.AccurateDispatchRate);
        Assert.Equal(1.0, set.OnTimeVerificationRate);
        Assert.Equal(3, set.Checks);
        Assert.Equal(2, set.RentalHazards); // A (fire) and C (overcrowding); B is cancelled and not a rental category
        Assert.Equal(1, set.RentalHazardsRectified);
        Assert.Equal(0, set.Overdue);

        var everything = await fixture.Statistics.LoadAsync(GridScope.Everything, WeekStart, end, Ct);
        var all = CaseIndicators.Compute(everything, end);
        Assert.Equal(4, all.Filed);
        Assert.Equal(1, all.PublicReports);
        Assert.Equal(1, all.Overdue); // D's verification deadline passed during the week
        var byGrid = CaseIndicators.ByGrid(everything, Domain.Grids.GridLevel.Second, end);
        Assert.Equal([WestGrid, EastGrid], byGrid.Select(r => r.Key));

        // Cut just before C's final check: C is handled, not checked; its last check is not seen.
        var cut = await fixture.Statistics.LoadAsync(WestLeader, WeekStart, handledAgain.AddMinutes(1), Ct);
        var cutSet = CaseIndicators.Compute(cut, handledAgain.AddMinutes(1));
        Assert.Equal(2, cutSet.Checks);
        Assert.Equal(CaseAction.Handle, cut.Single(h => h.CaseId == c.Id).Events[^1].Action);

        // A period that starts after the reports holds none of them.
        Assert.Empty(await fixture.Statistics.LoadAsync(GridScope.Everything, end, end.AddDays(7), Ct));
    }
}
