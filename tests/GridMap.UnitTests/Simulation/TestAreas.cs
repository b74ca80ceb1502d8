using GridMap.Tools.Simulation;
using NetTopologySuite.Geometries;

namespace GridMap.UnitTests.Simulation;

/// <summary>Small grids built in metres around a point of the demo district and handed over in degrees, as PostGIS would.</summary>
internal static class TestAreas
{
    private static readonly GeometryFactory s_factory = NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory(4326);
    private static readonly LocalProjection s_projection = new(114.40, 23.12);

    /// <summary>
    /// A 400 m square: a cross of roads through the middle, a road along its northern edge (the
    /// edge itself, as grid boundaries often follow roads), and a short road in the south-west
    /// corner that touches nothing else (the graph must connect it).
    /// </summary>
    public static PatrolArea Square() => PatrolArea.Create(
        "44130201000101001",
        Polygon((0, 0), (400, 0), (400, 400), (0, 400)),
        // Split at the junctions, as ST_Union leaves them.
        Lines(
            [(0, 200), (200, 200)],
            [(200, 200), (400, 200)],
            [(200, 0), (200, 200)],
            [(200, 200), (200, 400)],
            [(0, 400), (200, 400)],
            [(200, 400), (400, 400)],
            [(30, 30), (90, 30)]));

    /// <summary>
    /// An L-shaped grid with a road in each arm whose nearest ends see each other only across the
    /// outside of the inner corner, and a short road in the corner square both arms can see.
    /// </summary>
    public static PatrolArea LShape() => PatrolArea.Create(
        "44130201000101002",
        Polygon((0, 0), (300, 0), (300, 100), (100, 100), (100, 300), (0, 300)),
        Lines(
            [(120, 90), (280, 90)],
            [(90, 120), (90, 280)],
            [(20, 20), (60, 20)]));

    /// <summary>One straight east-west road across a 300 × 100 m grid.</summary>
    public static PatrolArea EastWest() => PatrolArea.Create(
        "44130201000101003",
        Polygon((0, 0), (300, 0), (300, 100), (0, 100)),
        Lines([(0, 50), (300, 50)]));

    /// <summary>A grid no road crosses.</summary>
    public static PatrolArea NoRoads() => PatrolArea.Create("44130201000101004", Polygon((0, 0), (200, 0), (200, 200), (0, 200)), null);

    /// <summary>A point given in the metres these grids are drawn in, in the area's own metres (it centres its projection on the grid).</summary>
    public static (double X, double Y) At(PatrolArea area, double x, double y)
    {
        var (lon, lat) = s_projection.ToLonLat(x, y);
        return area.Projection.ToMetres(lon, lat);
    }

    public static Polygon PolygonLonLat(PatrolArea area) =>
        (Polygon)s_factory.CreatePolygon(area.Boundary.Coordinates.Select(c =>
        {
            var (lon, lat) = area.ToLonLat((c.X, c.Y));
            return new Coordinate(lon, lat);
        }).ToArray());

    private static Geometry Polygon(params (double X, double Y)[] ring) =>
        s_factory.CreateMultiPolygon([s_factory.CreatePolygon(ring.Append(ring[0]).Select(LonLat).ToArray())]);

    private static Geometry Lines(params (double X, double Y)[][] lines) =>
        s_factory.CreateMultiLineString(lines.Select(l => s_factory.CreateLineString(l.Select(LonLat).ToArray())).ToArray());

    private static Coordinate LonLat((double X, double Y) p)
    {
        var (lon, lat) = s_projection.ToLonLat(p.X, p.Y);
        return new Coordinate(lon, lat);
    }
}
