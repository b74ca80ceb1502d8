namespace GridMap.Domain.Live;

/// <summary>One point of a recorded track.</summary>
public sealed record TrackPoint(double Lat, double Lon, DateTimeOffset Time, double? SpeedMps = null);

/// <summary>A dwell: the officer stayed within a small radius for a while (an inspection, a talk, a break).</summary>
public sealed record TrackStop(double Lat, double Lon, DateTimeOffset From, DateTimeOffset To)
{
    public double Minutes => (To - From).TotalMinutes;
}

/// <summary>
/// Finds stops in a track: a run of consecutive points that all stay within a radius of the run's
/// running centroid for at least a minimum time (the stay-point method of Li et al. 2008, with a
/// centroid instead of the first point as the anchor, so one noisy first fix does not cut a stop
/// short). A gap in reporting inside the radius counts as staying: a phone that went quiet in a
/// building and reappears at the same door was most likely there all along.
/// </summary>
public static class StopDetector
{
    public static IReadOnlyList<TrackStop> Detect(IReadOnlyList<TrackPoint> points, TimeSpan minDuration, double radiusMetres)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusMetres);
        if (points.Count < 2)
        {
            return [];
        }

        var sorted = IsSorted(points) ? points : points.OrderBy(p => p.Time).ToList();
        var stops = new List<TrackStop>();
        var i = 0;
        while (i < sorted.Count - 1)
        {
            double sumLat = sorted[i].Lat, sumLon = sorted[i].Lon;
            var j = i + 1;
            while (j < sorted.Count)
            {
                var count = j - i;
                if (GeoMath.DistanceMetres(sumLat / count, sumLon / count, sorted[j].Lat, sorted[j].Lon) > radiusMetres)
                {
                    break;
                }

                sumLat += sorted[j].Lat;
                sumLon += sorted[j].Lon;
                j++;
            }

            // Points i .. j-1 stayed together.
            var last = j - 1;
            if (last > i && sorted[last].Time - sorted[i].Time >= minDuration)
            {
                var n = j - i;
                stops.Add(new TrackStop(sumLat / n, sumLon / n, sorted[i].Time, sorted[last].Time));
                i = j;
            }
            else
            {
                i++;
            }
        }

        return stops;
    }

    private static bool IsSorted(IReadOnlyList<TrackPoint> points)
    {
        for (var k = 1; k < points.Count; k++)
        {
            if (points[k].Time < points[k - 1].Time)
            {
                return false;
            }
        }

        return true;
    }
}
