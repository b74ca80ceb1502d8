using GridMap.Domain.Grids;
using NetTopologySuite.Geometries;

namespace GridMap.UnitTests.Generation;

[Collection(DemoDistrictCollection.Name)]
public sealed class GridHierarchyTests(DemoDistrictFixture fixture)
{
    // Areas are in square degrees: the district is ~0.004 deg², a building ~1e-8 deg².
    private const double RelativeTolerance = 1e-9;

    [Fact]
    public void The_demo_street_has_11_first_91_second_and_243_third_level_grids()
    {
        Assert.Equal(11, fixture.Level(1).Count());
        Assert.Equal(91, fixture.Level(2).Count());
        Assert.Equal(243, fixture.Level(3).Count());
        Assert.Equal(fixture.Data.Grids.Count, fixture.Data.Grids.Select(g => g.Code).Distinct().Count());
    }

    [Fact]
    public void Codes_are_valid_and_every_child_extends_an_existing_parent()
    {
        foreach (var grid in fixture.Data.Grids)
        {
            Assert.Null(GridCode.Validate(grid.Code));
            var code = GridCode.Parse(grid.Code);
            Assert.Equal(grid.Level, (int)code.Level);
            if (grid.Level == 1)
            {
                Assert.Null(grid.ParentCode);
                Assert.StartsWith("441302010", grid.Code);
                continue;
            }

            Assert.NotNull(grid.ParentCode);
            Assert.Equal(grid.ParentCode, code.Parent!.Value.Value);
            Assert.True(fixture.GridsByCode.TryGetValue(grid.ParentCode!, out var parent), $"{grid.Code} has no parent");
            Assert.Equal(grid.Level - 1, parent!.Level);
        }

        Assert.Equal(
            Enumerable.Range(1, 11).Select(n => $"441302010{n:000}"),
            fixture.Level(1).Select(g => g.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sibling_sequences_start_at_01_and_001_without_gaps()
    {
        foreach (var parent in fixture.Data.Grids.Where(g => g.Level < 3))
        {
            var sequences = fixture.ChildrenOf(parent.Code).Select(c => GridCode.Parse(c.Code).Sequence).Order().ToList();
            Assert.NotEmpty(sequences);
            Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
        }
    }

    [Fact]
    public void Siblings_are_numbered_west_to_east_then_north_to_south()
    {
        foreach (var parent in fixture.Data.Grids.Where(g => g.Level < 3).Append(null))
        {
            var siblings = parent is null ? fixture.Level(1).ToList() : fixture.ChildrenOf(parent.Code).ToList();
            var ordered = GridSequencing.Order(siblings, g => (g.Boundary.InteriorPoint.X, g.Boundary.InteriorPoint.Y));
            Assert.Equal(siblings.Select(s => s.Code).Order(StringComparer.Ordinal), ordered.Select(s => s.Code));
        }
    }

    [Fact]
    public void Every_parent_is_exactly_the_union_of_its_children()
    {
        foreach (var parent in fixture.Data.Grids.Where(g => g.Level < 3))
        {
            var union = DemoDistrictFixture.Union(fixture.ChildrenOf(parent.Code).Select(c => (Geometry)c.Boundary));
            var difference = union.SymmetricDifference(parent.Boundary).Area;
            Assert.True(difference < RelativeTolerance * parent.Boundary.Area,
                $"{parent.Code}: children differ from the parent by {difference / parent.Boundary.Area:E2} of its area");
        }
    }

    [Fact]
    public void Siblings_do_not_overlap()
    {
        var groups = fixture.Data.Grids.GroupBy(g => g.ParentCode ?? "");
        foreach (var siblings in groups.Select(g => g.ToList()))
        {
            for (var a = 0; a < siblings.Count; a++)
            {
                for (var b = a + 1; b < siblings.Count; b++)
                {
                    if (!siblings[a].Boundary.EnvelopeInternal.Intersects(siblings[b].Boundary.EnvelopeInternal))
                    {
                        continue;
                    }

                    var overlap = siblings[a].Boundary.Intersection(siblings[b].Boundary).Area;
                    Assert.True(overlap < RelativeTolerance * Math.Min(siblings[a].Boundary.Area, siblings[b].Boundary.Area),
                        $"{siblings[a].Code} and {siblings[b].Code} overlap by {overlap:E2} deg²");
                }
            }
        }
    }

    [Fact]
    public void The_first_level_grids_cover_the_district_outline_without_gaps()
    {
        var outline = fixture.District.Outline;
        var union = DemoDistrictFixture.Union(fixture.Level(1).Select(g => (Geometry)g.Boundary));

        Assert.True(union.SymmetricDifference(outline).Area < RelativeTolerance * outline.Area);
        // One piece and no holes: nothing inside the street belongs to no grid.
        var polygon = Assert.IsType<Polygon>(outline);
        Assert.Equal(0, polygon.NumInteriorRings);
        Assert.Equal(outline.Area, fixture.Level(3).Sum(g => g.Boundary.Area), outline.Area * RelativeTolerance);
    }

    [Fact]
    public void All_geometries_are_valid()
    {
        Assert.All(fixture.Data.Grids, g => Assert.True(g.Boundary.IsValid, $"grid {g.Code}"));
        Assert.All(fixture.Data.Blocks, b => Assert.True(b.Geometry.IsValid && !b.Geometry.IsEmpty));
        Assert.All(fixture.Data.Waters, w => Assert.True(w.Geometry.IsValid && !w.Geometry.IsEmpty));
        Assert.All(fixture.Data.Roads, r => Assert.True(r.Geometry.IsValid && !r.Geometry.IsEmpty));
        Assert.All(fixture.Data.Buildings, b => Assert.True(b.Footprint.IsValid, b.Address));
    }

    [Fact]
    public void The_district_sits_around_Xiaojinkou_in_EPSG_4326()
    {
        var envelope = fixture.District.Outline.EnvelopeInternal;
        Assert.InRange(envelope.Centre.X, 114.3, 114.5);
        Assert.InRange(envelope.Centre.Y, 23.0, 23.25);
        Assert.InRange(envelope.Width, 0.04, 0.15);
    }

    [Fact]
    public void Land_use_varies_and_households_add_up_level_by_level()
    {
        var uses = fixture.Level(3).GroupBy(g => g.LandUse).ToDictionary(g => g.Key, g => g.Count());
        foreach (var use in new[] { "urban_village", "residential", "industrial", "mixed", "green" })
        {
            Assert.True(uses.GetValueOrDefault(use) > 0, $"no third-level grid is {use}");
        }

        foreach (var parent in fixture.Data.Grids.Where(g => g.Level < 3))
        {
            Assert.Equal(parent.Households, fixture.ChildrenOf(parent.Code).Sum(c => c.Households));
        }

        Assert.True(fixture.Level(1).Sum(g => g.Households) > 40_000);
    }

    [Fact]
    public void Base_map_has_every_road_class_named_roads_and_a_river()
    {
        var classes = fixture.Data.Roads.GroupBy(r => r.Class).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["lane", "primary", "secondary", "street"], classes.Keys.Order(StringComparer.Ordinal));
        Assert.All(fixture.Data.Roads, r => Assert.False(string.IsNullOrEmpty(r.Name)));
        Assert.All(classes["lane"], r => Assert.EndsWith("巷", r.Name));
        Assert.All(classes["primary"], r => Assert.EndsWith("大道", r.Name));
        Assert.Contains(fixture.Data.Waters, w => w.Name == "小金河" && w.Geometry.Area > 0);
        Assert.Equal(fixture.Data.Blocks.Count, fixture.Data.Blocks.Count(b => b.Geometry.Within(fixture.District.Outline.Buffer(1e-9))));
    }
}
