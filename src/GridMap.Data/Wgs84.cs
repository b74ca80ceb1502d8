using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GridMap.Data;

/// <summary>
/// The spatial reference the schema stores (EPSG:4326, longitude = X). Geometry crosses the
/// database boundary as NetTopologySuite types through the Npgsql plugin
/// (<see cref="GridMapDataSource"/>), which reads and writes the SRID with the coordinates:
/// geometries written must carry this one.
/// </summary>
public static class Wgs84
{
    public const int Srid = 4326;

    public static GeometryFactory Factory { get; } = NtsGeometryServices.Instance.CreateGeometryFactory(Srid);
}
