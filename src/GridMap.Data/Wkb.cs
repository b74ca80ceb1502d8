using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GridMap.Data;

/// <summary>
/// Geometry crosses the database boundary as WKB (the NTS PostGIS plugin is not available
/// on the platform): read <c>ST_AsBinary(geom)</c>, write with <c>ST_GeomFromWKB(@wkb, 4326)</c>.
/// </summary>
public static class Wkb
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static Geometry Read(byte[] wkb)
    {
        var geometry = new WKBReader(NetTopologySuite.NtsGeometryServices.Instance).Read(wkb);
        geometry.SRID = 4326;
        return geometry;
    }

    public static byte[] Write(Geometry geometry) => new WKBWriter(ByteOrder.LittleEndian, handleSRID: false).Write(geometry);
}
