using GridMap.Domain.Grids;
using NetTopologySuite.Geometries;

namespace GridMap.Tools.Bench;

/// <summary>Where a benchmark point was drawn, so mismatches can be told apart by kind.</summary>
internal enum LookupPointKind
{
    /// <summary>Anywhere in the envelope of a random third-level grid: mostly inside the district.</summary>
    Inside,

    /// <summary>Beyond the district's extent: in no grid.</summary>
    Outside,

    /// <summary>A vertex of a grid's boundary: exactly on it, usually shared with neighbours.</summary>
    Vertex,

    /// <summary>The midpoint of a boundary edge, on the edge up to floating-point rounding.</summary>
    EdgeMidpoint,
}

internal readonly record struct LookupPoint(double Lon, double Lat, LookupPointKind Kind);

/// <summary>
/// The seeded points both lookup paths answer: 80 % drawn in the envelope of a random
/// third-level grid (inside the district, apart from the edges of the grids on its border),
/// 8 % outside the district's extent, 6 % on boundary vertices and 6 % on boundary edges.
/// </summary>
internal static class LookupPoints
{
    public static LookupPoint[] Generate(IReadOnlyList<GridBoundary> grids, int count, int seed)
    {
        if (grids.Count == 0)
        {
            throw new ArgumentException("there are no grids to draw points in", nameof(grids));
        }

        var random = new Random(seed);
        var extent = new Envelope();
        foreach (var grid in grids)
        {
            extent.ExpandToInclude(grid.Boundary.EnvelopeInternal);
        }

        var points = new LookupPoint[count];
        for (var i = 0; i < count; i++)
        {
            var draw = random.NextDouble();
            var grid = grids[random.Next(grids.Count)].Boundary;
            points[i] = draw switch
            {
                < 0.80 => InEnvelope(grid.EnvelopeInternal, random),
                < 0.88 => Outside(extent, random),
                < 0.94 => Vertex(grid, random),
                _ => EdgeMidpoint(grid, random),
            };
        }

        return points;
    }

    private static LookupPoint InEnvelope(Envelope envelope, Random random) => new(
        envelope.MinX + random.NextDouble() * envelope.Width,
        envelope.MinY + random.NextDouble() * envelope.Height,
        LookupPointKind.Inside);

    /// <summary>In a frame around the extent, a fifth of its size wide on every side.</summary>
    private static LookupPoint Outside(Envelope extent, Random random)
    {
        var marginX = Math.Max(extent.Width * 0.2, 1e-4);
        var marginY = Math.Max(extent.Height * 0.2, 1e-4);
        while (true)
        {
            var lon = extent.MinX - marginX + random.NextDouble() * (extent.Width + 2 * marginX);
            var lat = extent.MinY - marginY + random.NextDouble() * (extent.Height + 2 * marginY);
            if (!extent.Covers(lon, lat))
            {
                return new LookupPoint(lon, lat, LookupPointKind.Outside);
            }
        }
    }

    private static LookupPoint Vertex(Geometry grid, Random random)
    {
        var ring = ExteriorRing(grid);
        var c = ring[random.Next(ring.Length - 1)];
        return new LookupPoint(c.X, c.Y, LookupPointKind.Vertex);
    }

    private static LookupPoint EdgeMidpoint(Geometry grid, Random random)
    {
        var ring = ExteriorRing(grid);
        var k = random.Next(ring.Length - 1);
        return new LookupPoint((ring[k].X + ring[k + 1].X) / 2, (ring[k].Y + ring[k + 1].Y) / 2, LookupPointKind.EdgeMidpoint);
    }

    /// <summary>The first polygon's outer ring: consecutive coordinates of one ring are edges, unlike those of <see cref="Geometry.Coordinates"/>.</summary>
    private static Coordinate[] ExteriorRing(Geometry grid)
    {
        var polygon = grid switch
        {
            Polygon p => p,
            MultiPolygon m when m.NumGeometries > 0 => (Polygon)m.GetGeometryN(0),
            _ => throw new ArgumentException($"a grid boundary is a {grid.GeometryType}, not a polygon"),
        };
        return polygon.ExteriorRing.Coordinates;
    }
}
