using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace GridMap.Domain.Grids;

/// <summary>One grid boundary to locate points in (EPSG:4326, longitude = X).</summary>
public sealed record GridBoundary(string Code, Geometry Boundary);

/// <summary>
/// Point → grid, in memory. Built from the third-level grids, which nest into and cover their
/// parents, so the located code also answers every ancestor (a prefix). PostGIS stays the source
/// of truth; a locator is an immutable snapshot of one data version, replaced as a whole when the
/// boundaries change, so readers on any thread share it without locks.
/// </summary>
/// <remarks>
/// Grids tile the district, so a uniform bucket grid over its extent finds the few candidates of
/// a point with two multiplications and no allocation (an STRtree query walks several levels and
/// allocates its result list). Each bucket lists the grids whose envelope touches it; a candidate
/// is then tested against its own envelope and its rings with NetTopologySuite's ray-crossing
/// rule, the exact test <c>IndexedPointInAreaLocator</c> applies (whose segment index pays off
/// for rings of thousands of vertices; third-level grids have tens).
/// `./gridmap bench dispatch` measures it against PostGIS and checks that both agree.
/// </remarks>
public sealed class GridLocator
{
    /// <summary>Buckets per grid: enough that most buckets hold one to four candidates.</summary>
    private const double BucketsPerGrid = 4;

    private const int MaxBuckets = 1 << 22;

    // The grids flattened into arrays (entry → polygons → rings → coordinates), so a lookup
    // touches a handful of contiguous memory blocks instead of a graph of small objects.
    private readonly string[] _codes;
    private readonly double[] _envelopes;          // 4 per entry: minX, minY, maxX, maxY
    private readonly int[] _polygonStart;          // entry e's polygons: [_polygonStart[e], _polygonStart[e + 1])
    private readonly double[] _polygonEnvelopes;   // 4 per polygon
    private readonly int[] _polygonRingStart;      // polygon p's rings (shell first): [_polygonRingStart[p], _polygonRingStart[p + 1])
    private readonly int[] _ringStart;             // ring r's coordinates: [_ringStart[r], _ringStart[r + 1])
    private readonly double[] _xy;                 // 2 per coordinate
    private readonly Coordinate[] _coordinates;    // the same coordinates, for NetTopologySuite's robust orientation test

    private readonly double _minX;
    private readonly double _minY;
    private readonly double _maxX;
    private readonly double _maxY;
    private readonly double _bucketsPerX;
    private readonly double _bucketsPerY;
    private readonly int _columns;
    private readonly int _rows;

    /// <summary>Bucket b holds the entries <c>_items[_bucketStart[b] .. _bucketStart[b + 1])</c>.</summary>
    private readonly int[] _bucketStart;

    private readonly int[] _items;

    public GridLocator(IEnumerable<GridBoundary> grids, long version = 0)
    {
        Version = version;
        var entries = grids
            .Select(g => (g.Code, Polygons: Enumerable.Range(0, g.Boundary.NumGeometries)
                .Select(g.Boundary.GetGeometryN).OfType<Polygon>().Where(p => !p.IsEmpty).ToArray()))
            .Where(g => g.Polygons.Length > 0)
            .ToArray();
        Count = entries.Length;
        _codes = new string[Count];
        _envelopes = new double[4 * Count];
        _polygonStart = new int[Count + 1];
        var polygonEnvelopes = new List<double>();
        var polygonRingStart = new List<int> { 0 };
        var ringStart = new List<int> { 0 };
        var coordinates = new List<Coordinate>();
        var extent = new Envelope();
        for (var e = 0; e < Count; e++)
        {
            _codes[e] = entries[e].Code;
            var envelope = new Envelope();
            foreach (var polygon in entries[e].Polygons)
            {
                envelope.ExpandToInclude(polygon.EnvelopeInternal);
                polygonEnvelopes.AddRange([polygon.EnvelopeInternal.MinX, polygon.EnvelopeInternal.MinY, polygon.EnvelopeInternal.MaxX, polygon.EnvelopeInternal.MaxY]);
                foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
                {
                    coordinates.AddRange(ring.Coordinates);
                    ringStart.Add(coordinates.Count);
                }

                polygonRingStart.Add(ringStart.Count - 1);
            }

            _polygonStart[e + 1] = _polygonStart[e] + entries[e].Polygons.Length;
            (_envelopes[4 * e], _envelopes[4 * e + 1], _envelopes[4 * e + 2], _envelopes[4 * e + 3]) = (envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
            extent.ExpandToInclude(envelope);
        }

        _polygonEnvelopes = [.. polygonEnvelopes];
        _polygonRingStart = [.. polygonRingStart];
        _ringStart = [.. ringStart];
        _coordinates = [.. coordinates];
        _xy = new double[2 * _coordinates.Length];
        for (var i = 0; i < _coordinates.Length; i++)
        {
            (_xy[2 * i], _xy[2 * i + 1]) = (_coordinates[i].X, _coordinates[i].Y);
        }

        if (Count == 0)
        {
            _bucketStart = [0, 0];
            _items = [];
            _columns = _rows = 1;
            return;
        }

        (_minX, _minY, _maxX, _maxY) = (extent.MinX, extent.MinY, extent.MaxX, extent.MaxY);
        var buckets = Math.Min(MaxBuckets, Math.Max(1, Count * BucketsPerGrid));
        // Square buckets where the extent allows; a degenerate (zero-width or zero-height) extent gets one row or column.
        var side = extent.Width > 0 && extent.Height > 0 ? Math.Sqrt(extent.Area / buckets) : Math.Max(extent.Width, extent.Height) / buckets;
        _columns = extent.Width > 0 && side > 0 ? (int)Math.Clamp(Math.Ceiling(extent.Width / side), 1, MaxBuckets) : 1;
        _rows = extent.Height > 0 && side > 0 ? (int)Math.Clamp(Math.Ceiling(extent.Height / side), 1, MaxBuckets / _columns) : 1;
        _bucketsPerX = extent.Width > 0 ? _columns / extent.Width : 0;
        _bucketsPerY = extent.Height > 0 ? _rows / extent.Height : 0;

        // Two passes (count, then fill) lay the buckets out in one array. An entry goes into every
        // bucket its closed envelope reaches, computed with the same arithmetic as a lookup, so a
        // point its envelope covers always lands in a bucket that lists it.
        _bucketStart = new int[_columns * _rows + 1];
        for (var e = 0; e < Count; e++)
        {
            var (c0, r0, c1, r1) = BucketRange(e);
            for (var r = r0; r <= r1; r++)
            {
                for (var c = c0; c <= c1; c++)
                {
                    _bucketStart[r * _columns + c + 1]++;
                }
            }
        }

        for (var b = 1; b < _bucketStart.Length; b++)
        {
            _bucketStart[b] += _bucketStart[b - 1];
        }

        _items = new int[_bucketStart[^1]];
        var fill = _bucketStart[..^1];
        for (var e = 0; e < Count; e++)
        {
            var (c0, r0, c1, r1) = BucketRange(e);
            for (var r = r0; r <= r1; r++)
            {
                for (var c = c0; c <= c1; c++)
                {
                    _items[fill[r * _columns + c]++] = e;
                }
            }
        }
    }

    public static GridLocator Empty { get; } = new([]);

    /// <summary>The data_version this snapshot was read at.</summary>
    public long Version { get; }

    public int Count { get; }

    /// <summary>
    /// The code of the grid containing the point, or null outside every grid. A point on the
    /// shared edge of two grids belongs to the one with the smaller code, so the answer is stable.
    /// </summary>
    public string? Locate(double lon, double lat)
    {
        if (Count == 0 || !double.IsFinite(lon) || !double.IsFinite(lat)
            || lon < _minX || lon > _maxX || lat < _minY || lat > _maxY)
        {
            return null;
        }

        var bucket = Row(lat) * _columns + Column(lon);
        Coordinate? point = null; // made only when a segment straddles the ray
        string? best = null;
        for (var k = _bucketStart[bucket]; k < _bucketStart[bucket + 1]; k++)
        {
            var entry = _items[k];
            if (!Covers(_envelopes, entry, lon, lat))
            {
                continue;
            }

            var location = LocateInEntry(entry, lon, lat, ref point);
            if (location == Location.Interior)
            {
                return _codes[entry];
            }

            if (location == Location.Boundary && (best is null || string.CompareOrdinal(_codes[entry], best) < 0))
            {
                best = _codes[entry];
            }
        }

        return best;
    }

    /// <summary>
    /// Whether the point is inside any of the grids (at any level) whose codes are given: the
    /// located third-level grid is the grid itself or a descendant of one of them.
    /// </summary>
    public bool IsInsideAny(double lon, double lat, IEnumerable<GridCode> grids)
    {
        var located = Locate(lon, lat);
        return located is not null && grids.Any(g => located.StartsWith(g.Value, StringComparison.Ordinal));
    }

    private int Column(double lon) => Math.Clamp((int)((lon - _minX) * _bucketsPerX), 0, _columns - 1);

    private int Row(double lat) => Math.Clamp((int)((lat - _minY) * _bucketsPerY), 0, _rows - 1);

    private (int C0, int R0, int C1, int R1) BucketRange(int entry) =>
        (Column(_envelopes[4 * entry]), Row(_envelopes[4 * entry + 1]), Column(_envelopes[4 * entry + 2]), Row(_envelopes[4 * entry + 3]));

    /// <summary>
    /// Ray-crossing location of the point in ring <paramref name="ring"/>: the algorithm of
    /// NetTopologySuite's <c>RayCrossingCounter.LocatePointInRing</c> step by step (same segment
    /// order, same shared-vertex convention, the same robust orientation test for the segments
    /// that straddle the ray), over the flat coordinate array so a lookup stays in a few cache lines.
    /// </summary>
    private Location LocateInRing(int ring, double x, double y, ref Coordinate? point)
    {
        var first = _ringStart[ring];
        var last = _ringStart[ring + 1];
        var crossings = 0;
        for (var i = first + 1; i < last; i++)
        {
            // p1 = ring[i], p2 = ring[i - 1], as RayCrossingCounter counts them.
            var x1 = _xy[2 * i];
            var y1 = _xy[2 * i + 1];
            var x2 = _xy[2 * i - 2];
            var y2 = _xy[2 * i - 1];
            if (x1 < x && x2 < x)
            {
                continue;
            }

            if (x == x2 && y == y2)
            {
                return Location.Boundary;
            }

            if (y1 == y && y2 == y)
            {
                if (x >= Math.Min(x1, x2) && x <= Math.Max(x1, x2))
                {
                    return Location.Boundary;
                }

                continue;
            }

            if ((y1 > y && y2 <= y) || (y2 > y && y1 <= y))
            {
                var orientation = FilteredOrientation(x1, y1, x2, y2, x, y);
                if (orientation is null)
                {
                    point ??= new Coordinate(x, y);
                    orientation = Orientation.Index(_coordinates[i], _coordinates[i - 1], point);
                }

                if (orientation == OrientationIndex.Collinear)
                {
                    return Location.Boundary;
                }

                // Counted upwards: the segment crosses the ray when the point is to its left.
                if (y2 < y1)
                {
                    orientation = orientation == OrientationIndex.Left ? OrientationIndex.Right : OrientationIndex.Left;
                }

                if (orientation == OrientationIndex.Left)
                {
                    crossings++;
                }
            }
        }

        return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
    }

    /// <summary>
    /// The orientation of q to the segment p1 → p2 when plain double arithmetic proves its sign
    /// (the error-bounded filter NetTopologySuite's own robust test starts with), else null for
    /// that test to decide in extended precision: a point near or on an edge always gets there.
    /// </summary>
    private static OrientationIndex? FilteredOrientation(double p1x, double p1y, double p2x, double p2y, double qx, double qy)
    {
        const double SafeEpsilon = 1e-15;
        var left = (p1x - qx) * (p2y - qy);
        var right = (p1y - qy) * (p2x - qx);
        var det = left - right;
        double sum;
        if (left > 0)
        {
            if (right <= 0)
            {
                return Sign(det);
            }

            sum = left + right;
        }
        else if (left < 0)
        {
            if (right >= 0)
            {
                return Sign(det);
            }

            sum = -left - right;
        }
        else
        {
            return Sign(det);
        }

        var bound = SafeEpsilon * sum;
        return det >= bound || -det >= bound ? Sign(det) : null;

        static OrientationIndex Sign(double value) =>
            value > 0 ? OrientationIndex.CounterClockwise : value < 0 ? OrientationIndex.Clockwise : OrientationIndex.Collinear;
    }

    /// <summary>Interior, boundary or exterior of entry <paramref name="entry"/>'s (multi)polygon, as a point-in-area locator answers.</summary>
    private Location LocateInEntry(int entry, double x, double y, ref Coordinate? point)
    {
        for (var p = _polygonStart[entry]; p < _polygonStart[entry + 1]; p++)
        {
            if (!Covers(_polygonEnvelopes, p, x, y))
            {
                continue;
            }

            // The first ring of a polygon is its shell, the others its holes.
            var shell = _polygonRingStart[p];
            var location = LocateInRing(shell, x, y, ref point);
            if (location == Location.Boundary)
            {
                return location;
            }

            if (location == Location.Exterior)
            {
                continue;
            }

            for (var hole = shell + 1; hole < _polygonRingStart[p + 1]; hole++)
            {
                var inHole = LocateInRing(hole, x, y, ref point);
                if (inHole == Location.Boundary)
                {
                    return Location.Boundary;
                }

                if (inHole == Location.Interior)
                {
                    location = Location.Exterior;
                    break;
                }
            }

            if (location == Location.Interior)
            {
                return location;
            }
        }

        return Location.Exterior;
    }

    private static bool Covers(double[] envelopes, int i, double x, double y) =>
        x >= envelopes[4 * i] && y >= envelopes[4 * i + 1] && x <= envelopes[4 * i + 2] && y <= envelopes[4 * i + 3];
}
