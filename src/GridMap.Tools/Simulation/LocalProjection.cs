namespace GridMap.Tools.Simulation;

/// <summary>
/// Longitude/latitude ↔ metres east/north of an origin (equirectangular). Over the few
/// kilometres of one grid the error is far below GPS noise, and the mapping is affine, so a
/// point inside a polygon in metres is inside the same polygon in degrees: the walker can work
/// in metres and the containment checks still hold for what it reports.
/// </summary>
public readonly record struct LocalProjection(double OriginLon, double OriginLat)
{
    private const double MetresPerDegreeLat = 110_574.0;
    private const double MetresPerDegreeLonAtEquator = 111_320.0;

    private double MetresPerDegreeLon => MetresPerDegreeLonAtEquator * Math.Cos(OriginLat * Math.PI / 180);

    public (double X, double Y) ToMetres(double lon, double lat) =>
        ((lon - OriginLon) * MetresPerDegreeLon, (lat - OriginLat) * MetresPerDegreeLat);

    public (double Lon, double Lat) ToLonLat(double x, double y) =>
        (OriginLon + x / MetresPerDegreeLon, OriginLat + y / MetresPerDegreeLat);
}
