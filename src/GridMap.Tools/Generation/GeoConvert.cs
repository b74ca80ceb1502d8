using GridMap.Data;
using NetTopologySuite.Geometries;

namespace GridMap.Tools.Generation;

/// <summary>Turns metric-plane geometry into EPSG:4326 geometry of the kinds the schema stores.</summary>
internal sealed class GeoConvert(LocalProjection projection)
{
    public GeometryFactory Factory { get; } = Wgs84.Factory;

    public Coordinate[] Ring(IReadOnlyList<Vec2> points)
    {
        var ring = new Coordinate[points.Count + 1];
        for (var k = 0; k < points.Count; k++)
        {
            ring[k] = projection.ToLonLat(points[k]);
        }

        ring[^1] = ring[0].Copy();
        return ring;
    }

    public MultiPolygon Footprint(IReadOnlyList<Vec2> corners) => Factory.CreateMultiPolygon([Factory.CreatePolygon(Ring(corners))]);

    public LineString Line(IReadOnlyList<Vec2> points) =>
        Factory.CreateLineString(points.Select(projection.ToLonLat).ToArray());

    public Geometry Convert(Geometry metric) => metric switch
    {
        Polygon polygon => ConvertPolygon(polygon),
        LineString line => Factory.CreateLineString(ConvertSequence(line.Coordinates)),
        GeometryCollection collection => Factory.BuildGeometry(collection.Geometries.Select(Convert).ToArray()),
        _ => throw new NotSupportedException(metric.GeometryType),
    };

    private Polygon ConvertPolygon(Polygon polygon) =>
        Factory.CreatePolygon(
            Factory.CreateLinearRing(ConvertSequence(polygon.ExteriorRing.Coordinates)),
            polygon.InteriorRings.Select(r => Factory.CreateLinearRing(ConvertSequence(r.Coordinates))).ToArray());

    private Coordinate[] ConvertSequence(Coordinate[] coordinates) =>
        coordinates.Select(c => projection.ToLonLat(new Vec2(c.X, c.Y))).ToArray();

    public MultiPolygon? AsMultiPolygon(Geometry geometry)
    {
        var polygons = Polygons(geometry).Where(p => !p.IsEmpty).ToArray();
        return polygons.Length == 0 ? null : Factory.CreateMultiPolygon(polygons);
    }

    public MultiLineString? AsMultiLineString(Geometry geometry)
    {
        var lines = Lines(geometry).Where(l => !l.IsEmpty).ToArray();
        return lines.Length == 0 ? null : Factory.CreateMultiLineString(lines);
    }

    private static IEnumerable<Polygon> Polygons(Geometry geometry) => geometry switch
    {
        Polygon p => [p],
        GeometryCollection c => c.Geometries.SelectMany(Polygons),
        _ => [],
    };

    private static IEnumerable<LineString> Lines(Geometry geometry) => geometry switch
    {
        LineString l => [l],
        GeometryCollection c => c.Geometries.SelectMany(Lines),
        _ => [],
    };
}
