namespace GridMap.UnitTests.Generation;

[Collection(DemoDistrictCollection.Name)]
public sealed class OfficerTests(DemoDistrictFixture fixture)
{
    [Fact]
    public void Every_first_level_grid_has_its_secretary_leader_deputy_and_police_officer()
    {
        foreach (var grid in fixture.Level(1))
        {
            var roles = fixture.Data.OfficerAssignments.Where(a => a.GridCode == grid.Code).Select(a => a.Role).Order(StringComparer.Ordinal);
            Assert.Equal(["deputy_leader", "grid_leader", "party_secretary", "police_officer"], roles);
        }
    }

    [Fact]
    public void Every_second_level_grid_has_a_leader_and_some_a_traffic_officer()
    {
        var byGrid = fixture.Data.OfficerAssignments.ToLookup(a => a.GridCode);
        foreach (var grid in fixture.Level(2))
        {
            Assert.Single(byGrid[grid.Code], a => a.Role == "grid_leader");
        }

        var withTraffic = fixture.Level(2).Count(g => byGrid[g.Code].Any(a => a.Role == "traffic_officer"));
        Assert.InRange(withTraffic, 10, 80);
    }

    [Fact]
    public void Third_level_grids_have_one_day_officer_or_two_on_staggered_shifts()
    {
        var byGrid = fixture.Data.OfficerAssignments.Where(a => a.Role == "grid_officer").ToLookup(a => a.GridCode);
        foreach (var grid in fixture.Level(3))
        {
            var shifts = byGrid[grid.Code].Select(a => a.Shift).Order(StringComparer.Ordinal).ToList();
            Assert.True(shifts is ["day"] or ["early", "late"], $"{grid.Code}: {string.Join(",", shifts)}");
        }

        Assert.All(fixture.Data.OfficerAssignments.Where(a => a.Role == "grid_officer"), a => Assert.Equal(17, a.GridCode.Length));
    }

    [Fact]
    public void Several_thousand_building_heads_each_tied_to_a_building_in_their_grid()
    {
        var heads = fixture.Data.OfficerAssignments.Where(a => a.Role == "building_head").ToList();
        Assert.InRange(heads.Count, 5_000, 9_000);
        var buildings = fixture.Data.Buildings.ToDictionary(b => b.Id);
        Assert.All(heads, h =>
        {
            Assert.NotNull(h.BuildingId);
            Assert.Equal(buildings[h.BuildingId!.Value].GridCode, h.GridCode);
        });
        Assert.Equal(heads.Count, heads.Select(h => h.BuildingId).Distinct().Count());
        Assert.All(fixture.Data.OfficerAssignments.Where(a => a.Role != "building_head"), a => Assert.Null(a.BuildingId));
    }

    [Fact]
    public void Assignments_point_at_officers_and_current_grids()
    {
        var officers = fixture.Data.Officers.Select(o => o.Id).ToHashSet();
        Assert.Equal(fixture.Data.Officers.Count, officers.Count);
        Assert.All(fixture.Data.OfficerAssignments, a =>
        {
            Assert.Contains(a.OfficerId, officers);
            Assert.True(fixture.GridsByCode.ContainsKey(a.GridCode), a.GridCode);
            Assert.True(a.Since < fixture.District.Options.ReferenceDate);
        });
        Assert.All(fixture.Data.Officers, o => Assert.Matches(@"^1[3-9]\d{9}$", o.Phone));
    }
}
