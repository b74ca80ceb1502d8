using GridMap.Domain.Grids;
using GridMap.Tools.Bench;
using NetTopologySuite.Geometries;

namespace GridMap.UnitTests.Bench;

public sealed class DispatchBenchmarkTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void Points_are_seeded_and_of_every_kind_in_the_stated_shares()
    {
        var grids = Enumerable.Range(0, 20).Select(i => new GridBoundary($"4413020100010100{i % 10}", Factory.CreateMultiPolygon([Factory.CreatePolygon([
            new(114 + i * 0.01, 23), new(114.01 + i * 0.01, 23), new(114.01 + i * 0.01, 23.01), new(114 + i * 0.01, 23.01), new(114 + i * 0.01, 23)])]))).ToList();

        var points = LookupPoints.Generate(grids, 10_000, 3);

        Assert.Equal(points, LookupPoints.Generate(grids, 10_000, 3));
        Assert.NotEqual(points, LookupPoints.Generate(grids, 10_000, 4));
        var shares = points.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Count() / 10_000.0);
        Assert.InRange(shares[LookupPointKind.Inside], 0.78, 0.82);
        Assert.InRange(shares[LookupPointKind.Outside], 0.07, 0.09);
        Assert.InRange(shares[LookupPointKind.Vertex], 0.05, 0.07);
        Assert.InRange(shares[LookupPointKind.EdgeMidpoint], 0.05, 0.07);
        Assert.All(points.Where(p => p.Kind == LookupPointKind.Outside), p => Assert.False(p.Lat is >= 23 and <= 23.01 && p.Lon is >= 114 and <= 114.2));
        Assert.All(points.Where(p => p.Kind == LookupPointKind.Vertex), p => Assert.Contains(Math.Round(p.Lat, 9), new[] { 23.0, 23.01 }));
    }

    [Fact]
    public void Options_are_read_and_bad_ones_named()
    {
        var (settings, web, error) = DispatchBenchmark.ParseArguments(
            ["dispatch", "--web", "/x/GridMap.Web.dll", "--scales", "city", "--points", "500", "--rate", "50", "--duration", "12.5", "--officers", "300"]);
        Assert.Null(error);
        Assert.Equal("/x/GridMap.Web.dll", web);
        Assert.Equal(["city"], settings!.Scales);
        Assert.Equal((500, 50, 300), (settings.Lookup.Points, settings.Latency.Rate, settings.Latency.Officers));
        Assert.Equal(TimeSpan.FromSeconds(12.5), settings.Latency.Duration);

        Assert.Contains("--scales: unknown scale 'town'", DispatchBenchmark.ParseArguments(["dispatch", "--scales", "town"]).Error);
        Assert.Contains("--points must be a whole number", DispatchBenchmark.ParseArguments(["dispatch", "--points", "many"]).Error);
        Assert.Contains("unknown option '--fast'", DispatchBenchmark.ParseArguments(["dispatch", "--fast", "1"]).Error);
        Assert.Equal("--rate needs a value", DispatchBenchmark.ParseArguments(["dispatch", "--rate"]).Error);
        Assert.False(DispatchBenchmark.ParseArguments(["dispatch", "--rate", "0"]).Settings!.RunLatency);
    }
}
