using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using static GridMap.IntegrationTests.Cases.CasesFixture;

namespace GridMap.IntegrationTests.Cases;

/// <summary>Open cases of the same sub-category at the same building or within N metres.</summary>
public sealed class DuplicateFinderTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    // One metre of latitude is about 1/111,000 of a degree.
    private static (double Lat, double Lon) North(double metres) => (EastPoint.Lat + metres / 111_000.0, EastPoint.Lon);

    [Fact]
    public async Task Found_by_building_or_by_distance_nearest_first()
    {
        fixture.Clock.AdjustTime(Monday9);
        // Original reports in the east block: one at building C, one 200 m north without a building.
        var atBuilding = await fixture.CreateAsync(fixture.Report(subcategory: "fire_escape_blocked", grid: East, building: fixture.BuildingC));
        var loose = await fixture.CreateAsync(fixture.Report(subcategory: "fire_escape_blocked", grid: East, at: North(200)));

        // Same building, reported from 100 m away: still the same building.
        var byBuilding = await fixture.Cases.FindDuplicatesAsync(GridScope.Everything,
            new DuplicateQuery("fire_escape_blocked", North(100).Lat, North(100).Lon) { BuildingId = fixture.BuildingC }, Ct);
        var first = byBuilding[0];
        Assert.Equal(atBuilding.Id, first.Id);
        Assert.True(first.SameBuilding);
        Assert.InRange(first.DistanceMetres, 95, 105);

        // 20 m from the loose report, no building: found by distance (default 30 m) with its distance.
        var near = await fixture.Cases.FindDuplicatesAsync(GridScope.Everything,
            new DuplicateQuery("fire_escape_blocked", North(220).Lat, North(220).Lon), Ct);
        var candidate = Assert.Single(near);
        Assert.Equal(loose.Id, candidate.Id);
        Assert.False(candidate.SameBuilding);
        Assert.InRange(candidate.DistanceMetres, 18, 22);
        Assert.Equal(loose.Number, candidate.Number);

        // 50 m away is not a duplicate by default, but is within a 60 m radius.
        Assert.Empty(await fixture.Cases.FindDuplicatesAsync(GridScope.Everything,
            new DuplicateQuery("fire_escape_blocked", North(250).Lat, North(250).Lon), Ct));
        Assert.Single(await fixture.Cases.FindDuplicatesAsync(GridScope.Everything,
            new DuplicateQuery("fire_escape_blocked", North(250).Lat, North(250).Lon) { RadiusMetres = 60 }, Ct));

        // Another sub-category at the same place is not a duplicate.
        Assert.Empty(await fixture.Cases.FindDuplicatesAsync(GridScope.Everything,
            new DuplicateQuery("fire_wiring", North(200).Lat, North(200).Lon) { BuildingId = fixture.BuildingC }, Ct));

        // Outside the caller's scope, nothing is offered.
        Assert.Empty(await fixture.Cases.FindDuplicatesAsync(WestLeader,
            new DuplicateQuery("fire_escape_blocked", North(200).Lat, North(200).Lon) { BuildingId = fixture.BuildingC }, Ct));
    }

    [Fact]
    public async Task Closed_and_cancelled_cases_are_not_duplicates_but_parked_ones_are()
    {
        fixture.Clock.AdjustTime(Monday9.AddDays(1));
        var point = (Lat: WestPoint.Lat + 0.004, Lon: WestPoint.Lon + 0.004);
        var cancelled = await fixture.CreateAsync(fixture.Report(subcategory: "crowd_partition", at: point));
        await fixture.ApplyAsync(cancelled, new CaseCommand(CaseAction.Cancel, fixture.Leader) { CancelReason = CancelReason.Invalid, Note = "误报" });

        var query = new DuplicateQuery("crowd_partition", point.Lat, point.Lon);
        Assert.Empty(await fixture.Cases.FindDuplicatesAsync(GridScope.Everything, query, Ct));

        var parked = await fixture.CreateAsync(fixture.Report(subcategory: "crowd_partition", at: point));
        parked = await fixture.ApplyAsync(parked, new CaseCommand(CaseAction.Verify, fixture.West1));
        parked = await fixture.ApplyAsync(parked, new CaseCommand(CaseAction.Park, fixture.Command) { Note = "纳入旧村改造" });
        var found = Assert.Single(await fixture.Cases.FindDuplicatesAsync(GridScope.Everything, query, Ct));
        Assert.Equal(parked.Id, found.Id);
        Assert.Equal(CaseState.Parked, found.State);
        Assert.True(found.DistanceMetres < 0.01);
    }
}
