using Microsoft.Extensions.Logging;
using static GridMap.Tools.Bench.TileBenchmark;

namespace GridMap.Tools.Bench;

/// <summary>`bench tiles --web PATH [--scales demo,city] [--grids N]`, `bench live …`, `bench dispatch …`, `bench map …`.</summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var what = args.FirstOrDefault();
        var web = Option(args, "--web");
        var cluster = Environment.GetEnvironmentVariable("GRIDMAP_BENCH_DB");
        if (what == "live")
        {
            return await LiveBenchmark.RunCommandAsync(args, loggerFactory, cancellationToken);
        }

        if (what == "dispatch")
        {
            return await DispatchBenchmark.RunCommandAsync(args, loggerFactory, cancellationToken);
        }

        if (what == "map")
        {
            return await MapFirstTileBenchmark.RunCommandAsync(args, loggerFactory, cancellationToken);
        }

        if (what != "tiles")
        {
            Console.Error.WriteLine($"unknown benchmark '{what}'; available: tiles, live, dispatch, map");
            return 2;
        }

        if (web is null || !File.Exists(web) || cluster is null)
        {
            Console.Error.WriteLine("bench tiles needs --web PATH-TO-GridMap.Web.dll and GRIDMAP_BENCH_DB (./gridmap bench sets both)");
            return 2;
        }

        var scales = (Option(args, "--scales") ?? "demo,city").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var grids = int.Parse(Option(args, "--grids") ?? "30", System.Globalization.CultureInfo.InvariantCulture);
        var benchmark = new TileBenchmark(web, cluster, loggerFactory);
        var results = new List<ScaleResult>();
        foreach (var scale in scales)
        {
            var r = await benchmark.RunAsync(scale, grids, cancellationToken);
            results.Add(r);
            Console.WriteLine(
                $"{r.Scale,-5} tiles={r.Tiles} http p50={F(r.P50)} ms p95={F(r.P95)} ms | bare p50={F(r.BareP50)} ms p95={F(r.BareP95)} ms | " +
                $"overhead={F(r.OverheadRatio)}x (gzip alone {F(r.GzipShare)}x of the query) | cached 200 p50={F(r.CachedP50)} ms | 304 p50={F(r.NotModifiedP50)} ms | mean {F(r.MeanBytes / 1024)} KiB");
        }

        var main = results.FirstOrDefault(r => r.Scale == "city") ?? results[^1];
        var demo = results.FirstOrDefault(r => r.Scale == "demo");
        var line = $"RESULT scale={main.Scale} p50_ms={F(main.P50)} p95_ms={F(main.P95)} bare_p95_ms={F(main.BareP95)} " +
                   $"overhead_ratio={F(main.OverheadRatio)} cached_ms={F(Math.Min(main.CachedP50, main.NotModifiedP50))}";
        if (demo is not null && demo != main)
        {
            line += $" demo_p95_ms={F(demo.P95)} demo_overhead_ratio={F(demo.OverheadRatio)}";
        }

        Console.WriteLine(line);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
