using GridMap.Data.Loading;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace GridMap.UnitTests.Generation;

[Collection(DemoDistrictCollection.Name)]
public sealed class BuildingTests(DemoDistrictFixture fixture)
{
    private static readonly string[] s_kinds = ["self_built", "residential", "factory", "dormitory", "shop_house", "public", "village_house"];
    private static readonly string[] s_modes = ["village", "property", "enterprise", "large_rental", "scattered"];

    private IReadOnlyList<BuildingRow> Buildings => fixture.Data.Buildings;

    [Fact]
    public void About_twenty_thousand_buildings_of_every_kind()
    {
        Assert.InRange(Buildings.Count, 16_000, 24_000);
        var kinds = Buildings.GroupBy(b => b.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(s_kinds.Order(StringComparer.Ordinal), kinds.Keys.Order(StringComparer.Ordinal));
        // Urban villages dominate: self-built rental houses are the largest group.
        Assert.Equal("self_built", kinds.MaxBy(k => k.Value).Key);
        Assert.All(Buildings, b => Assert.Contains(b.ManagementMode, s_modes));
        Assert.All(Buildings, b => Assert.True(b.Floors > 0));
        Assert.Equal(Enumerable.Range(1, Buildings.Count).Select(i => (long)i), Buildings.Select(b => b.Id));
    }

    [Fact]
    public void Every_building_lies_inside_the_third_level_grid_it_names()
    {
        var prepared = fixture.Level(3).ToDictionary(g => g.Code, g => PreparedGeometryFactory.Prepare(g.Boundary));
        var outside = Buildings.Where(b => !prepared.TryGetValue(b.GridCode, out var grid) || !grid.Covers(b.Footprint)).ToList();
        Assert.True(outside.Count == 0, $"{outside.Count} buildings outside their grid, e.g. {outside.FirstOrDefault()?.Address}");
    }

    [Fact]
    public void Buildings_do_not_overlap_one_another()
    {
        var index = new STRtree<BuildingRow>();
        foreach (var b in Buildings)
        {
            index.Insert(b.Footprint.EnvelopeInternal, b);
        }

        var overlapping = new List<(string, string)>();
        foreach (var a in Buildings)
        {
            foreach (var b in index.Query(a.Footprint.EnvelopeInternal))
            {
                if (b.Id > a.Id && a.Footprint.Intersects(b.Footprint) && a.Footprint.Intersection(b.Footprint).Area > 0)
                {
                    overlapping.Add((a.Address, b.Address));
                }
            }
        }

        Assert.True(overlapping.Count == 0, $"{overlapping.Count} overlapping pairs, e.g. {overlapping.FirstOrDefault()}");
    }

    [Fact]
    public void No_building_stands_in_the_water_or_on_a_road()
    {
        var water = PreparedGeometryFactory.Prepare(DemoDistrictFixture.Union(fixture.Data.Waters.Select(w => (Geometry)w.Geometry)));
        Assert.DoesNotContain(Buildings, b => water.Intersects(b.Footprint));

        // Road centre lines (streets and bigger) run between blocks, never through a building.
        var roads = fixture.Data.Roads.Where(r => r.Class != "lane").Select(r => (Geometry)r.Geometry).ToList();
        var roadIndex = new STRtree<Geometry>();
        roads.ForEach(r => roadIndex.Insert(r.EnvelopeInternal, r));
        Assert.DoesNotContain(Buildings, b => roadIndex.Query(b.Footprint.EnvelopeInternal).Any(r => r.Intersects(b.Footprint)));
    }

    [Fact]
    public void Self_built_rental_houses_are_about_ten_by_twelve_metres_in_tight_rows()
    {
        const double squareMetresPerSquareDegree = 111_320.0 * 111_320.0 * 0.9196; // cos(23.13°)
        var areas = Buildings.Where(b => b.Kind == "self_built").Select(b => b.Footprint.Area * squareMetresPerSquareDegree).ToList();
        Assert.InRange(areas.Average(), 95, 150);
        var factories = Buildings.Where(b => b.Kind == "factory").Select(b => b.Footprint.Area * squareMetresPerSquareDegree).ToList();
        Assert.True(factories.Average() > 5 * areas.Average());
        Assert.True(Buildings.Where(b => b.Kind == "residential").Average(b => b.Floors) > 8);
    }

    [Fact]
    public void Addresses_are_unique_chinese_addresses_within_the_village()
    {
        Assert.Equal(Buildings.Count, Buildings.Select(b => b.Address).Distinct().Count());
        var villageNames = fixture.Level(1).ToDictionary(g => g.Code, g => g.Name);
        foreach (var b in Buildings)
        {
            Assert.StartsWith(villageNames[b.GridCode[..12]], b.Address);
            Assert.Matches(@"(巷|路|街|大道)\d+号(.*\d+栋)?$", b.Address);
        }

        Assert.Contains(Buildings, b => b.Kind == "self_built" && System.Text.RegularExpressions.Regex.IsMatch(b.Address, @"^\p{IsCJKUnifiedIdeographs}+村.*巷\d+号$"));
        Assert.Contains(Buildings, b => b.Kind == "shop_house" && System.Text.RegularExpressions.Regex.IsMatch(b.Address, @"社区.+路\d+号$"));
    }

    [Fact]
    public void Large_rental_buildings_are_those_with_ten_rooms_or_thirty_beds()
    {
        var units = fixture.Data.RentalUnits.ToLookup(u => u.RentalHouseId);
        var buildings = Buildings.ToDictionary(b => b.Id);
        foreach (var house in fixture.Data.RentalHouses)
        {
            var rooms = units[house.Id].Sum(u => u.Rooms);
            var beds = units[house.Id].Sum(u => u.Capacity);
            Assert.Equal(rooms >= 10 || beds >= 30, house.IsLarge);
            Assert.Equal(house.IsLarge, buildings[house.BuildingId].ManagementMode == "large_rental");
            Assert.NotEmpty(units[house.Id]);
            if (house.IsLarge)
            {
                Assert.NotNull(house.ManagerName);
            }
        }

        var large = fixture.Data.RentalHouses.Count(h => h.IsLarge);
        Assert.InRange(large, fixture.Data.RentalHouses.Count / 10, fixture.Data.RentalHouses.Count / 2);
        // Only rental houses are large rental buildings.
        Assert.Equal(large, Buildings.Count(b => b.ManagementMode == "large_rental"));
    }

    [Fact]
    public void About_nine_in_ten_rental_buildings_have_access_control()
    {
        var rental = fixture.Data.RentalHouses.Select(h => h.BuildingId).ToHashSet();
        var withAccess = Buildings.Where(b => rental.Contains(b.Id)).Count(b => b.AccessControl);
        Assert.InRange(withAccess / (double)rental.Count, 0.85, 0.95);
        Assert.All(Buildings.Where(b => b.Kind == "self_built"), b => Assert.Contains(b.Id, rental));
    }

    [Fact]
    public void All_five_management_modes_occur()
    {
        Assert.Equal(s_modes.Order(StringComparer.Ordinal), Buildings.Select(b => b.ManagementMode).Distinct().Order(StringComparer.Ordinal));
        Assert.All(Buildings.Where(b => b.Kind is "factory" or "dormitory"), b => Assert.Equal("enterprise", b.ManagementMode));
        Assert.All(Buildings.Where(b => b.Kind == "residential"), b => Assert.Equal("property", b.ManagementMode));
    }
}
