using GridMap.Tools.Simulation;
using NetTopologySuite.Geometries;

namespace GridMap.UnitTests.Simulation;

public sealed class OfficerWalkerTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);

    private static List<WalkerFix> Walk(OfficerWalker walker, TimeSpan step, TimeSpan total)
    {
        var fixes = new List<WalkerFix> { walker.Current };
        for (var t = TimeSpan.Zero; t < total; t += step)
        {
            fixes.Add(walker.Step(step));
        }

        return fixes;
    }

    private static bool Contains(Polygon polygon, WalkerFix fix) =>
        polygon.Contains(polygon.Factory.CreatePoint(new Coordinate(fix.Lon, fix.Lat)));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Officers_who_do_not_stray_report_only_positions_inside_their_grid(int seed)
    {
        foreach (var area in new[] { TestAreas.Square(), TestAreas.LShape(), TestAreas.EastWest(), TestAreas.NoRoads() })
        {
            var polygon = TestAreas.PolygonLonLat(area);
            for (var officer = 1; officer <= 8; officer++)
            {
                var walker = new OfficerWalker(area, seed, officer, strays: false, s_interval);
                var fixes = Walk(walker, s_interval, TimeSpan.FromHours(2));

                Assert.All(fixes, f => Assert.True(Contains(polygon, f), $"{area.Code} officer {officer}: ({f.Lon}, {f.Lat}) is outside"));
                Assert.All(fixes, f => Assert.False(f.IsOutside));
                // GPS noise never puts them across the edge: they keep to the grid's side of a boundary road.
                Assert.All(fixes, f =>
                {
                    var (x, y) = area.Projection.ToMetres(f.Lon, f.Lat);
                    var edge = area.NearestEdgePoint(x, y);
                    Assert.True(Math.Sqrt(Math.Pow(edge.X - x, 2) + Math.Pow(edge.Y - y, 2)) >= PatrolArea.SidewalkMargin - 0.01);
                });
            }
        }
    }

    [Fact]
    public void A_straying_officer_leaves_the_grid_now_and_then_and_comes_back()
    {
        var area = TestAreas.Square();
        var polygon = TestAreas.PolygonLonLat(area);
        var walker = new OfficerWalker(area, 7, 42, strays: true, s_interval);
        var fixes = Walk(walker, s_interval, TimeSpan.FromHours(1));

        var outside = fixes.Select(f => !Contains(polygon, f)).ToList();
        Assert.Equal(outside, fixes.Select(f => f.IsOutside).ToList());
        // Excursions: runs of reports outside, each followed by a return inside.
        var excursions = outside.Zip(outside.Skip(1)).Count(p => !p.First && p.Second);
        var returns = outside.Zip(outside.Skip(1)).Count(p => p.First && !p.Second);
        Assert.InRange(excursions, 2, 8);
        Assert.Equal(excursions, returns + (outside[^1] ? 1 : 0));
        // Long enough outside for a geofence that wants two reports in a row, but mostly on patrol.
        var runs = Runs(outside).Where(r => r.Value).Select(r => r.Length).ToList();
        Assert.All(runs, length => Assert.True(length >= 2, $"an excursion of {length} report(s)"));
        Assert.InRange(outside.Count(o => o) / (double)outside.Count, 0.01, 0.3);
        // The first one comes early, so a demo shows an alert within minutes.
        Assert.InRange(outside.IndexOf(true) * s_interval.TotalMinutes, 1, 8);
    }

    [Fact]
    public void Walking_speed_is_about_one_point_two_metres_per_second_with_stops_of_a_few_minutes()
    {
        var area = TestAreas.Square();
        var settings = new WalkerSettings { GpsNoiseMetres = 0 };
        var speeds = new List<double>();
        var stops = new List<double>();
        for (var officer = 1; officer <= 10; officer++)
        {
            var walker = new OfficerWalker(area, 1, officer, strays: false, s_interval, settings);
            var fixes = Walk(walker, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
            var stopped = 0;
            for (var i = 1; i < fixes.Count; i++)
            {
                var (a, b) = (fixes[i - 1], fixes[i]);
                if (b.IsStopped)
                {
                    Assert.Equal(0, b.SpeedMps);
                    stopped++;
                    continue;
                }

                if (stopped > 0)
                {
                    stops.Add(stopped);
                    stopped = 0;
                }

                Assert.InRange(b.SpeedMps, 0.6, 2.0);
                if (!a.IsStopped)
                {
                    // Along the road in one second: at most the reported speed (less across a corner).
                    var moved = Math.Sqrt(Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2));
                    Assert.True(moved <= b.SpeedMps + 1e-6, $"moved {moved} m in 1 s at {b.SpeedMps} m/s");
                    speeds.Add(b.SpeedMps);
                }
            }
        }

        Assert.InRange(speeds.Average(), 1.0, 1.4);
        Assert.NotEmpty(stops);
        Assert.All(stops, seconds => Assert.InRange(seconds, 59, 241));
        Assert.InRange(stops.Count / 10.0, 2, 10); // a few stops per hour
    }

    [Fact]
    public void Heading_follows_the_movement_clockwise_from_north()
    {
        var area = TestAreas.EastWest();
        var walker = new OfficerWalker(area, 3, 5, strays: false, s_interval, new WalkerSettings { GpsNoiseMetres = 0 });
        var fixes = Walk(walker, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(30));
        var moving = fixes.Zip(fixes.Skip(1)).Where(p => Math.Abs(p.Second.X - p.First.X) > 0.5).ToList();

        Assert.NotEmpty(moving);
        foreach (var (a, b) in moving)
        {
            // Across a U-turn at the end of the road the net movement decides; elsewhere east is 90°, west 270°.
            var expected = b.X > a.X ? 90.0 : 270.0;
            Assert.Equal(expected, b.Heading, 1);
        }

        Assert.All(fixes, f => Assert.InRange(f.Heading, 0, 360));
    }

    [Fact]
    public void Heading_is_the_bearing_of_the_displacement()
    {
        var area = TestAreas.Square();
        var walker = new OfficerWalker(area, 11, 9, strays: true, s_interval, new WalkerSettings { GpsNoiseMetres = 0 });
        var fixes = Walk(walker, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(40));
        foreach (var (a, b) in fixes.Zip(fixes.Skip(1)))
        {
            var (dx, dy) = (b.X - a.X, b.Y - a.Y);
            if (dx * dx + dy * dy > 0.25)
            {
                var bearing = (Math.Atan2(dx, dy) * 180 / Math.PI + 360) % 360;
                var difference = Math.Abs(bearing - b.Heading) % 360;
                Assert.True(Math.Min(difference, 360 - difference) < 0.01, $"heading {b.Heading} for a movement towards {bearing}");
            }
        }
    }

    [Fact]
    public void The_same_seed_replays_the_same_walk_and_another_seed_does_not()
    {
        var area = TestAreas.Square();
        List<WalkerFix> Run(int seed) => Walk(new OfficerWalker(area, seed, 17, strays: true, s_interval), s_interval, TimeSpan.FromMinutes(30));

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
        // Officers of one run differ from each other.
        Assert.NotEqual(
            Walk(new OfficerWalker(area, 5, 1, false, s_interval), s_interval, TimeSpan.FromMinutes(5)),
            Walk(new OfficerWalker(area, 5, 2, false, s_interval), s_interval, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Officer_seeds_do_not_depend_on_the_process()
    {
        // HashCode.Combine would differ from run to run; these values must not.
        Assert.Equal(OfficerWalker.MixSeed(1, 42), OfficerWalker.MixSeed(1, 42));
        Assert.Equal(803958421, OfficerWalker.MixSeed(1, 42));
        Assert.NotEqual(OfficerWalker.MixSeed(1, 42), OfficerWalker.MixSeed(2, 42));
    }

    [Fact]
    public void Battery_drains_slowly()
    {
        var walker = new OfficerWalker(TestAreas.Square(), 1, 1, false, s_interval);
        var fixes = Walk(walker, s_interval, TimeSpan.FromHours(1));
        Assert.InRange(fixes[0].Battery, 55, 100);
        Assert.InRange(fixes[0].Battery - fixes[^1].Battery, 5, 20);
        Assert.All(fixes.Zip(fixes.Skip(1)), p => Assert.True(p.Second.Battery <= p.First.Battery));
    }

    private static IEnumerable<(bool Value, int Length)> Runs(List<bool> values)
    {
        var start = 0;
        for (var i = 1; i <= values.Count; i++)
        {
            if (i == values.Count || values[i] != values[start])
            {
                yield return (values[start], i - start);
                start = i;
            }
        }
    }
}
