namespace GridMap.Domain.Live;

/// <summary>A longitude/latitude rectangle: a console's viewport, a grid's extent.</summary>
public sealed record GeoBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    /// <summary>Why these four numbers are not a box, or null when they are one.</summary>
    public static string? Validate(double minLon, double minLat, double maxLon, double maxLat)
    {
        if (!double.IsFinite(minLon) || !double.IsFinite(minLat) || !double.IsFinite(maxLon) || !double.IsFinite(maxLat))
        {
            return "the viewport has a coordinate that is not a number";
        }

        if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90)
        {
            return "the viewport is outside [-180, 180] × [-90, 90]";
        }

        if (minLon > maxLon || minLat > maxLat)
        {
            return "the viewport's minimum is greater than its maximum";
        }

        return null;
    }

    /// <summary>
    /// The box grown by <paramref name="fraction"/> of its width and height on every side, so that
    /// an officer just outside the screen is already known when the user pans a little.
    /// </summary>
    public GeoBox Expand(double fraction)
    {
        var dx = (MaxLon - MinLon) * fraction;
        var dy = (MaxLat - MinLat) * fraction;
        return new GeoBox(
            Math.Max(-180, MinLon - dx), Math.Max(-90, MinLat - dy),
            Math.Min(180, MaxLon + dx), Math.Min(90, MaxLat + dy));
    }

    public bool Contains(double lon, double lat) =>
        lon >= MinLon && lon <= MaxLon && lat >= MinLat && lat <= MaxLat;
}
