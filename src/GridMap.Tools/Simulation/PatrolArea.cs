using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Distance;

namespace GridMap.Tools.Simulation;

/// <summary>One walkable piece of road inside a grid, a polyline in metres between two graph nodes.</summary>
public sealed class RoadEdge
{
    private readonly double[] _cumulative;

    public RoadEdge(int from, int to, IReadOnlyList<(double X, double Y)> points, bool isConnector)
    {
        From = from;
        To = to;
        Points = points;
        IsConnector = isConnector;
        _cumulative = new double[points.Count];
        for (var i = 1; i < points.Count; i++)
        {
            _cumulative[i] = _cumulative[i - 1] + Math.Sqrt(Sq(points[i].X - points[i - 1].X) + Sq(points[i].Y - points[i - 1].Y));
        }

        Length = _cumulative[^1];
    }

    public int From { get; }

    public int To { get; }

    public IReadOnlyList<(double X, double Y)> Points { get; }

    /// <summary>A straight walk added between two otherwise unconnected pieces of road (it stays inside the grid).</summary>
    public bool IsConnector { get; }

    public double Length { get; }

    /// <summary>The point at <paramref name="distance"/> metres from <see cref="From"/>.</summary>
    public (double X, double Y) PointAt(double distance)
    {
        if (distance <= 0)
        {
            return Points[0];
        }

        if (distance >= Length)
        {
            return Points[^1];
        }

        var i = Array.BinarySearch(_cumulative, distance);
        if (i >= 0)
        {
            return Points[i];
        }

        i = ~i; // the first vertex beyond the distance
        var t = (distance - _cumulative[i - 1]) / (_cumulative[i] - _cumulative[i - 1]);
        var a = Points[i - 1];
        var b = Points[i];
        return (a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t);
    }

    private static double Sq(double v) => v * v;
}

/// <summary>
/// A grid as the simulator walks it: its boundary and the base roads clipped to it, in metres
/// around the grid's centre, as a graph whose nodes are the ends and junctions of the road pieces.
/// Pieces that do not touch (roads crossing the grid's corner, say) are joined by straight
/// connectors that stay inside the grid, so a walker can reach the whole grid.
/// </summary>
public sealed class PatrolArea
{
    /// <summary>Reported positions of an officer in their grid keep this far from its edge, so GPS noise does not put them in the next grid.</summary>
    public const double SidewalkMargin = 5.0;

    private const double NodeSnapMetres = 0.01;
    private const double MaxConnectorMetres = 400;
    private const double MinimumRouteMetres = 20;

    private readonly IPointOnGeometryLocator _outer;
    private readonly IPointOnGeometryLocator? _inner;
    private readonly Geometry? _innerGeometry;
    private readonly Geometry _boundaryLines;
    private readonly List<int>[] _incident;

    private PatrolArea(string code, LocalProjection projection, Geometry boundary, List<(double X, double Y)> nodes, List<RoadEdge> edges)
    {
        Code = code;
        Projection = projection;
        Boundary = boundary;
        Nodes = nodes;
        Edges = edges;
        _outer = new IndexedPointInAreaLocator(boundary);
        _boundaryLines = boundary.Boundary;
        var inner = boundary.Buffer(-SidewalkMargin);
        if (!inner.IsEmpty)
        {
            _innerGeometry = inner;
            _inner = new IndexedPointInAreaLocator(inner);
        }

        var interior = (_innerGeometry ?? boundary).InteriorPoint;
        InteriorPoint = (interior.X, interior.Y);
        _incident = new List<int>[nodes.Count];
        for (var n = 0; n < nodes.Count; n++)
        {
            _incident[n] = [];
        }

        for (var e = 0; e < edges.Count; e++)
        {
            _incident[edges[e].From].Add(e);
            if (edges[e].To != edges[e].From)
            {
                _incident[edges[e].To].Add(e);
            }
        }
    }

    public string Code { get; }

    public LocalProjection Projection { get; }

    /// <summary>The grid's boundary in metres.</summary>
    public Geometry Boundary { get; }

    public IReadOnlyList<(double X, double Y)> Nodes { get; }

    public IReadOnlyList<RoadEdge> Edges { get; }

    public (double X, double Y) InteriorPoint { get; }

    public double RoadLength => Edges.Where(e => !e.IsConnector).Sum(e => e.Length);

    public IReadOnlyList<int> EdgesAt(int node) => _incident[node];

    /// <summary>
    /// Builds the area of a grid from its boundary and the roads clipped to it, both in
    /// longitude/latitude (PostGIS: <c>ST_Intersection(road, boundary)</c>, noded by ST_Union).
    /// With no usable road inside, the route is a loop along the inside of the boundary.
    /// </summary>
    public static PatrolArea Create(string code, Geometry boundaryLonLat, Geometry? roadsLonLat)
    {
        var centre = boundaryLonLat.EnvelopeInternal.Centre;
        var projection = new LocalProjection(centre.X, centre.Y);
        var boundary = ToMetres(boundaryLonLat, projection);
        if (!boundary.IsValid)
        {
            boundary = boundary.Buffer(0); // jittered lattices can leave slivers that NTS rejects
        }

        var lines = new List<List<(double X, double Y)>>();
        if (roadsLonLat is not null)
        {
            var roads = ToMetres(roadsLonLat, projection);
            for (var i = 0; i < roads.NumGeometries; i++)
            {
                if (roads.GetGeometryN(i) is LineString line && line.NumPoints >= 2)
                {
                    var points = Deduplicate(line.Coordinates.Select(c => (c.X, c.Y)));
                    if (points.Count >= 2)
                    {
                        lines.Add(points);
                    }
                }
            }
        }

        if (lines.Sum(Length) < MinimumRouteMetres)
        {
            lines = [RingRoute(boundary)];
        }

        var (nodes, edges) = BuildGraph(lines);
        AddConnectors(boundary, nodes, edges);
        return new PatrolArea(code, projection, boundary, nodes, edges);
    }

    /// <summary>Strictly inside the grid (not on or beyond its edge).</summary>
    public bool IsInside(double x, double y) => _outer.Locate(new Coordinate(x, y)) == Location.Interior;

    /// <summary>
    /// The point itself when it is at least <see cref="SidewalkMargin"/> inside the grid, else the
    /// nearest point that is: an officer walking a road that is the grid's edge walks on the
    /// grid's side of it.
    /// </summary>
    public (double X, double Y) KeepInside(double x, double y)
    {
        if (_inner is null || _innerGeometry is null)
        {
            return IsInside(x, y) ? (x, y) : InteriorPoint;
        }

        var point = new Coordinate(x, y);
        if (_inner.Locate(point) == Location.Interior)
        {
            return (x, y);
        }

        var nearest = DistanceOp.NearestPoints(_innerGeometry, _innerGeometry.Factory.CreatePoint(point))[0];
        return (nearest.X, nearest.Y);
    }

    /// <summary>The nearest point of the grid's edge.</summary>
    public (double X, double Y) NearestEdgePoint(double x, double y)
    {
        var nearest = DistanceOp.NearestPoints(_boundaryLines, _boundaryLines.Factory.CreatePoint(new Coordinate(x, y)))[0];
        return (nearest.X, nearest.Y);
    }

    public (double Lon, double Lat) ToLonLat((double X, double Y) point) => Projection.ToLonLat(point.X, point.Y);

    private static double Length(List<(double X, double Y)> line)
    {
        var total = 0.0;
        for (var i = 1; i < line.Count; i++)
        {
            total += Math.Sqrt(Math.Pow(line[i].X - line[i - 1].X, 2) + Math.Pow(line[i].Y - line[i - 1].Y, 2));
        }

        return total;
    }

    private static List<(double X, double Y)> Deduplicate(IEnumerable<(double X, double Y)> points)
    {
        var result = new List<(double X, double Y)>();
        foreach (var p in points)
        {
            if (result.Count == 0 || Math.Abs(result[^1].X - p.X) > 1e-6 || Math.Abs(result[^1].Y - p.Y) > 1e-6)
            {
                result.Add(p);
            }
        }

        return result;
    }

    /// <summary>A loop just inside the boundary, for a grid that no base road crosses.</summary>
    private static List<(double X, double Y)> RingRoute(Geometry boundary)
    {
        var inner = boundary.Buffer(-2 * SidewalkMargin);
        var source = inner.IsEmpty ? boundary : inner;
        var largest = Enumerable.Range(0, source.NumGeometries)
            .Select(source.GetGeometryN)
            .OfType<Polygon>()
            .OrderByDescending(p => p.Area)
            .First();
        return largest.ExteriorRing.Coordinates.Select(c => (c.X, c.Y)).ToList();
    }

    private static (List<(double X, double Y)> Nodes, List<RoadEdge> Edges) BuildGraph(List<List<(double X, double Y)>> lines)
    {
        var nodes = new List<(double X, double Y)>();
        var index = new Dictionary<(long, long), int>();
        int NodeOf((double X, double Y) p)
        {
            var key = ((long)Math.Round(p.X / NodeSnapMetres), (long)Math.Round(p.Y / NodeSnapMetres));
            if (!index.TryGetValue(key, out var node))
            {
                node = nodes.Count;
                nodes.Add(p);
                index[key] = node;
            }

            return node;
        }

        var edges = new List<RoadEdge>();
        foreach (var line in lines)
        {
            var edge = new RoadEdge(NodeOf(line[0]), NodeOf(line[^1]), line, isConnector: false);
            if (edge.Length > 0)
            {
                edges.Add(edge);
            }
        }

        return (nodes, edges);
    }

    /// <summary>
    /// Joins the graph's components, nearest pairs of nodes first (Kruskal), with straight walks
    /// that stay inside the grid and are at most <see cref="MaxConnectorMetres"/> long.
    /// </summary>
    private static void AddConnectors(Geometry boundary, List<(double X, double Y)> nodes, List<RoadEdge> edges)
    {
        var parent = Enumerable.Range(0, nodes.Count).ToArray();
        int Find(int n)
        {
            while (parent[n] != n)
            {
                parent[n] = parent[parent[n]];
                n = parent[n];
            }

            return n;
        }

        foreach (var edge in edges)
        {
            parent[Find(edge.From)] = Find(edge.To);
        }

        var components = Enumerable.Range(0, nodes.Count).Select(Find).Distinct().Count();
        if (components <= 1)
        {
            return;
        }

        var candidates = new List<(double Distance, int A, int B)>();
        for (var a = 0; a < nodes.Count; a++)
        {
            for (var b = a + 1; b < nodes.Count; b++)
            {
                var d = Math.Sqrt(Math.Pow(nodes[a].X - nodes[b].X, 2) + Math.Pow(nodes[a].Y - nodes[b].Y, 2));
                if (d <= MaxConnectorMetres && Find(a) != Find(b))
                {
                    candidates.Add((d, a, b));
                }
            }
        }

        candidates.Sort((l, r) => l.Distance.CompareTo(r.Distance));
        var prepared = PreparedGeometryFactory.Prepare(boundary);
        foreach (var (_, a, b) in candidates)
        {
            if (Find(a) == Find(b))
            {
                continue;
            }

            var segment = boundary.Factory.CreateLineString([new Coordinate(nodes[a].X, nodes[a].Y), new Coordinate(nodes[b].X, nodes[b].Y)]);
            if (!prepared.Covers(segment))
            {
                continue;
            }

            edges.Add(new RoadEdge(a, b, [nodes[a], nodes[b]], isConnector: true));
            parent[Find(a)] = Find(b);
            if (--components == 1)
            {
                return;
            }
        }
    }

    private static Geometry ToMetres(Geometry lonLat, LocalProjection projection)
    {
        var copy = lonLat.Copy();
        copy.Apply(new ProjectFilter(projection));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class ProjectFilter(LocalProjection projection) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = projection.ToMetres(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
