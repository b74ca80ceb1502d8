using GridMap.Tools.Simulation;
using NetTopologySuite.Geometries;

namespace GridMap.UnitTests.Simulation;

public sealed class PatrolAreaTests
{
    private static int ReachableNodes(PatrolArea area)
    {
        var seen = new HashSet<int> { 0 };
        var queue = new Queue<int>([0]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var e in area.EdgesAt(node))
            {
                var other = area.Edges[e].From == node ? area.Edges[e].To : area.Edges[e].From;
                if (seen.Add(other))
                {
                    queue.Enqueue(other);
                }
            }
        }

        return seen.Count;
    }

    [Fact]
    public void Pieces_of_road_that_do_not_touch_are_joined_by_a_walk_inside_the_grid()
    {
        foreach (var area in new[] { TestAreas.Square(), TestAreas.LShape() })
        {
            Assert.Equal(area.Nodes.Count, ReachableNodes(area));
            var connectors = area.Edges.Where(e => e.IsConnector).ToList();
            Assert.NotEmpty(connectors);
            foreach (var connector in connectors)
            {
                var line = area.Boundary.Factory.CreateLineString(connector.Points.Select(p => new Coordinate(p.X, p.Y)).ToArray());
                Assert.True(area.Boundary.Covers(line), $"{area.Code}: connector {connector.Points[0]} → {connector.Points[^1]} leaves the grid");
            }
        }
    }

    [Fact]
    public void The_L_shaped_grid_is_not_crossed_at_its_inner_corner()
    {
        var area = TestAreas.LShape();
        // The two arms' nearest road ends, (120, 90) and (90, 120), see each other only across the outside.
        var (a, b) = (TestAreas.At(area, 120, 90), TestAreas.At(area, 90, 120));
        Assert.DoesNotContain(area.Edges, e => e.IsConnector && e.Points.Any(p => Near(p, a)) && e.Points.Any(p => Near(p, b)));
    }

    [Fact]
    public void Roads_are_the_graph_and_a_grid_without_roads_gets_a_loop_inside_its_edge()
    {
        var square = TestAreas.Square();
        Assert.Equal(6 * 200 + 60, square.RoadLength, 0.5);

        var empty = TestAreas.NoRoads();
        Assert.Single(empty.Edges);
        Assert.Equal(empty.Edges[0].From, empty.Edges[0].To);
        Assert.All(empty.Edges[0].Points, p => Assert.True(empty.IsInside(p.X, p.Y)));
    }

    [Fact]
    public void Points_on_or_near_the_edge_are_moved_to_the_grid_side_of_it()
    {
        var area = TestAreas.Square();
        foreach (var (dx, dy) in new[] { (200.0, 400.0), (0.0, 0.0), (398.0, 150.0), (420.0, 150.0) })
        {
            var (x, y) = TestAreas.At(area, dx, dy);
            var kept = area.KeepInside(x, y);
            Assert.True(area.IsInside(kept.X, kept.Y));
            var edge = area.NearestEdgePoint(kept.X, kept.Y);
            Assert.True(Distance(edge, kept) >= PatrolArea.SidewalkMargin - 0.01, $"({dx}, {dy}) → {kept}");
        }

        var middle = TestAreas.At(area, 150, 150);
        Assert.Equal(middle, area.KeepInside(middle.X, middle.Y));
    }

    [Fact]
    public void Points_along_an_edge_are_interpolated()
    {
        var edge = new RoadEdge(0, 1, [(0, 0), (3, 4), (3, 10)], isConnector: false);
        Assert.Equal(11, edge.Length, 9);
        Assert.Equal((1.5, 2.0), edge.PointAt(2.5));
        Assert.Equal((3.0, 7.0), edge.PointAt(8));
        Assert.Equal((0.0, 0.0), edge.PointAt(-1));
        Assert.Equal((3.0, 10.0), edge.PointAt(99));
    }

    [Fact]
    public void The_local_projection_round_trips()
    {
        var projection = new LocalProjection(114.4, 23.12);
        var (x, y) = projection.ToMetres(114.41, 23.13);
        Assert.InRange(x, 1020, 1030); // 0.01° of longitude at 23° N
        Assert.InRange(y, 1100, 1110);
        var (lon, lat) = projection.ToLonLat(x, y);
        Assert.Equal(114.41, lon, 12);
        Assert.Equal(23.13, lat, 12);
    }

    private static bool Near((double X, double Y) a, (double X, double Y) b) => Distance(a, b) < 1;

    private static double Distance((double X, double Y) a, (double X, double Y) b) =>
        Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
