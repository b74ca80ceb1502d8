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
    public void A_hole_belongs_to_the_grid_that_fills_it_and_parts_of_a_multipolygon_all_count()
    {
        // A ring-shaped grid around a square one (the hole), and a grid of two separate parts.
        var ring = Factory.CreateMultiPolygon([Factory.CreatePolygon(
            Factory.CreateLinearRing([new(114.00, 23.00), new(114.03, 23.00), new(114.03, 23.03), new(114.00, 23.03), new(114.00, 23.00)]),
            [Factory.CreateLinearRing([new(114.01, 23.01), new(114.02, 23.01), new(114.02, 23.02), new(114.01, 23.02), new(114.01, 23.01)])])]);
        var twoParts = Factory.CreateMultiPolygon([
            Factory.CreatePolygon([new(114.04, 23.00), new(114.05, 23.00), new(114.05, 23.01), new(114.04, 23.01), new(114.04, 23.00)]),
            Factory.CreatePolygon([new(114.04, 23.02), new(114.05, 23.02), new(114.05, 23.03), new(114.04, 23.03), new(114.04, 23.02)])]);
        var locator = new GridLocator(
        [
            new GridBoundary("44130201000101002", ring),
            new GridBoundary("44130201000101001", Box(114.01, 23.01, 114.02, 23.02)),
            new GridBoundary("44130201000101003", twoParts),
        ]);

        Assert.Equal("44130201000101002", locator.Locate(114.005, 23.005));
        Assert.Equal("44130201000101001", locator.Locate(114.015, 23.015)); // in the hole: the inner grid
        Assert.Equal("44130201000101001", locator.Locate(114.01, 23.015)); // on the hole's edge: both, the smaller code
        Assert.Equal("44130201000101003", locator.Locate(114.045, 23.005));
        Assert.Equal("44130201000101003", locator.Locate(114.045, 23.025));
        Assert.Null(locator.Locate(114.045, 23.015)); // between the parts
        Assert.Null(locator.Locate(114.035, 23.015)); // between the grids, inside the extent
    }

    [Fact]
    public void A_single_grid_and_an_empty_locator_answer()
    {
        var one = new GridLocator([new GridBoundary("44130201000101001", Box(114.00, 23.00, 114.01, 23.01))], version: 7);
        Assert.Equal((1, 7L), (one.Count, one.Version));
        Assert.Equal("44130201000101001", one.Locate(114.00, 23.00)); // a corner of the extent
        Assert.Equal("44130201000101001", one.Locate(114.01, 23.01));
        Assert.Null(one.Locate(114.0100001, 23.005));
        Assert.Null(GridLocator.Empty.Locate(114.005, 23.005));
        Assert.Equal(0, GridLocator.Empty.Count);
    }

    [Fact]
    public void Answers_as_a_scan_of_every_grid_with_an_indexed_point_in_area_locator()
    {
        // A 12 x 9 tessellation of quadrilaterals with jittered shared corners (edges at every
        // angle), three of them merged into a two-part multipolygon, and a hole in one cell
        // filled by a grid of its own; codes deliberately out of spatial order.
        var random = new Random(42);
        const int columns = 12, rows = 9;
        const double step = 0.004;
        var corners = new Coordinate[columns + 1, rows + 1];
        for (var c = 0; c <= columns; c++)
        {
            for (var r = 0; r <= rows; r++)
            {
                var jitter = c is 0 or columns || r is 0 or rows ? 0 : step * 0.3;
                corners[c, r] = new Coordinate(114 + c * step + (random.NextDouble() - 0.5) * jitter, 23 + r * step + (random.NextDouble() - 0.5) * jitter);
            }
        }

        Polygon Cell(int c, int r, LinearRing[]? holes = null) => Factory.CreatePolygon(
            Factory.CreateLinearRing([corners[c, r], corners[c + 1, r], corners[c + 1, r + 1], corners[c, r + 1], corners[c, r]]), holes);

        var grids = new List<GridBoundary>();
        var code = 0;
        string NextCode() => $"4413020100010{(++code * 37 % 1000):D3}1";
        for (var c = 0; c < columns; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                if ((c, r) is (3, 3) or (5, 5))
                {
                    continue; // the two parts of the multipolygon below
                }

                if ((c, r) == (7, 2))
                {
                    var centre = Cell(c, r).Centroid.Coordinate;
                    var hole = Factory.CreateLinearRing([
                        new(centre.X - 0.001, centre.Y - 0.001), new(centre.X + 0.001, centre.Y - 0.001),
                        new(centre.X + 0.001, centre.Y + 0.001), new(centre.X - 0.001, centre.Y + 0.001), new(centre.X - 0.001, centre.Y - 0.001)]);
                    grids.Add(new GridBoundary(NextCode(), Factory.CreateMultiPolygon([Cell(c, r, [hole])])));
                    grids.Add(new GridBoundary(NextCode(), Factory.CreateMultiPolygon([Factory.CreatePolygon(hole.Coordinates.Reverse().ToArray())])));
                    continue;
                }

                grids.Add(new GridBoundary(NextCode(), Factory.CreateMultiPolygon([Cell(c, r)])));
            }
        }

        grids.Add(new GridBoundary(NextCode(), Factory.CreateMultiPolygon([Cell(3, 3), Cell(5, 5)])));
        var reference = grids.Select(g => (g.Code, Locator: new NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator(g.Boundary))).ToList();
        string? Scan(double lon, double lat)
        {
            var point = new Coordinate(lon, lat);
            var onBoundary = reference.Where(g => g.Locator.Locate(point) != Location.Exterior).ToList();
            var inside = onBoundary.Where(g => g.Locator.Locate(point) == Location.Interior).Select(g => g.Code).ToList();
            return inside.Count > 0 ? inside.Single() : onBoundary.Select(g => g.Code).Order(StringComparer.Ordinal).FirstOrDefault();
        }

        var points = new List<(double Lon, double Lat)>();
        for (var i = 0; i < 4000; i++)
        {
            points.Add((114 - 0.004 + random.NextDouble() * (columns + 2) * step, 23 - 0.004 + random.NextDouble() * (rows + 2) * step));
        }

        foreach (var grid in grids)
        {
            var ring = grid.Boundary.Coordinates;
            for (var k = 0; k + 1 < ring.Length; k++)
            {
                points.Add((ring[k].X, ring[k].Y));
                points.Add(((ring[k].X + ring[k + 1].X) / 2, (ring[k].Y + ring[k + 1].Y) / 2));
            }
        }

        var locator = new GridLocator(grids);
        var differences = points.Where(p => locator.Locate(p.Lon, p.Lat) != Scan(p.Lon, p.Lat)).ToList();
        Assert.Empty(differences);
        Assert.Contains(points, p => locator.Locate(p.Lon, p.Lat) is null);
        Assert.True(points.Select(p => locator.Locate(p.Lon, p.Lat)).Distinct().Count() > grids.Count / 2);
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
