using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace GridMap.Domain.Grids;

/// <summary>One grid boundary to locate points in (EPSG:4326, longitude = X).</summary>
public sealed record GridBoundary(string Code, Geometry Boundary);

/// <summary>
/// Point → grid, in memory: an STRtree over the grids' envelopes, then an indexed point-in-polygon
/// test per candidate. Built from the third-level grids, which nest into and cover their parents,
/// so the located code also answers every ancestor (a prefix). PostGIS stays the source of truth;
/// a locator is an immutable snapshot of one data version, replaced as a whole when the
/// boundaries change, so readers on any thread never see a half-built tree.
/// </summary>
public sealed class GridLocator
{
    private readonly STRtree<Entry> _tree = new();

    public GridLocator(IEnumerable<GridBoundary> grids, long version = 0)
    {
        Version = version;
        foreach (var grid in grids)
        {
            if (grid.Boundary.IsEmpty)
            {
                continue;
            }

            var locator = new IndexedPointInAreaLocator(grid.Boundary);
            // The locator builds its index on first use without a lock; doing that here, before
            // the instance is published, leaves only reads for the threads that share it.
            locator.Locate(grid.Boundary.EnvelopeInternal.Centre);
            _tree.Insert(grid.Boundary.EnvelopeInternal, new Entry(grid.Code, locator, grid.Boundary.EnvelopeInternal));
            Count++;
        }

        _tree.Build();
        // Same reason: the tree's query path is read-only once built and queried once.
        _tree.Query(new Envelope(0, 0, 0, 0));
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
        if (Count == 0 || !double.IsFinite(lon) || !double.IsFinite(lat))
        {
            return null;
        }

        var point = new Coordinate(lon, lat);
        string? best = null;
        foreach (var entry in _tree.Query(new Envelope(point)))
        {
            if (!entry.Envelope.Covers(point))
            {
                continue;
            }

            var location = entry.Locator.Locate(point);
            if (location == Location.Interior)
            {
                return entry.Code;
            }

            if (location == Location.Boundary && (best is null || string.CompareOrdinal(entry.Code, best) < 0))
            {
                best = entry.Code;
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

    private sealed record Entry(string Code, IndexedPointInAreaLocator Locator, Envelope Envelope);
}
