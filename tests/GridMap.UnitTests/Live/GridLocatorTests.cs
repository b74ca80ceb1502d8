using GridMap.Domain.Grids;
using NetTopologySuite.Geometries;

namespace GridMap.UnitTests.Live;

public sealed class GridLocatorTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static Geometry Box(double minLon, double minLat, double maxLon, double maxLat) =>
        Factory.CreateMultiPolygon([Factory.CreatePolygon([
            new(minLon, minLat), new(maxLon, minLat), new(maxLon, maxLat), new(minLon, maxLat), new(minLon, minLat)])]);

    // Two third-level grids side by side in one second-level grid, a third in another village.
    private static readonly GridLocator Locator = new(
    [
        new GridBoundary("44130201000101001", Box(114.00, 23.00, 114.01, 23.01)),
        new GridBoundary("44130201000101002", Box(114.01, 23.00, 114.02, 23.01)),
        new GridBoundary("44130201000201001", Box(114.00, 23.01, 114.02, 23.02)),
    ]);

    [Fact]
    public void A_point_is_found_in_its_third_level_grid()
    {
        Assert.Equal(3, Locator.Count);
        Assert.Equal("44130201000101001", Locator.Locate(114.005, 23.005));
        Assert.Equal("44130201000101002", Locator.Locate(114.015, 23.005));
        Assert.Equal("44130201000201001", Locator.Locate(114.015, 23.015));
        Assert.Null(Locator.Locate(114.05, 23.005));
        Assert.Null(Locator.Locate(double.NaN, 23.005));
    }

    [Fact]
    public void A_point_on_a_shared_edge_goes_to_the_smaller_code()
    {
        Assert.Equal("44130201000101001", Locator.Locate(114.01, 23.005));
    }

    [Fact]
    public void An_assignment_covers_every_grid_under_it()
    {
        var village = GridCode.Parse("441302010001");
        var block = GridCode.Parse("44130201000101001");
        var otherVillage = GridCode.Parse("441302010002");

        Assert.True(Locator.IsInsideAny(114.015, 23.005, [village]));
        Assert.True(Locator.IsInsideAny(114.005, 23.005, [block]));
        Assert.False(Locator.IsInsideAny(114.015, 23.005, [block]));
        Assert.False(Locator.IsInsideAny(114.015, 23.015, [village]));
        Assert.True(Locator.IsInsideAny(114.015, 23.015, [village, otherVillage]));
    }

    [Fact]
    public async Task Concurrent_lookups_agree()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 2000).Count(i => Locator.Locate(114.0 + i % 20 * 0.001 + 0.0005, 23.005) is not null),
            TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(2000, r));
    }
}
