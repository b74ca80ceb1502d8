using System.Globalization;
using GridMap.Data;
using GridMap.Domain.Grids;
using Microsoft.Extensions.Logging;
using static GridMap.Tools.Bench.TileBenchmark;

namespace GridMap.Tools.Bench;

/// <summary>
/// `./gridmap bench dispatch`: in one run, point → third-level grid lookups per second in memory
/// (<see cref="GridLocator"/>) against one PostGIS query per point, on the demo and the
/// city-scale district (<see cref="LookupComparison"/>), then report-to-console latency with
/// case reports arriving while the live layer carries officers' positions
/// (<see cref="ReportLatencyBenchmark"/>).
/// </summary>
internal static class DispatchBenchmark
{
    public sealed record Settings
    {
        public IReadOnlyList<string> Scales { get; init; } = ["demo", "city"];

        public LookupComparison.Settings Lookup { get; init; } = new();

        /// <summary>The district the latency part runs on: the city, whose officers are enough for 2,000 phones.</summary>
        public string LatencyScale { get; init; } = "city";

        public ReportLatencyBenchmark.Settings Latency { get; init; } = new();

        /// <summary>0 skips the latency part.</summary>
        public bool RunLatency => Latency.Rate > 0;
    }

    public static async Task<int> RunCommandAsync(string[] args, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var (settings, web, error) = ParseArguments(args);
        var cluster = Environment.GetEnvironmentVariable("GRIDMAP_BENCH_DB");
        if (error is not null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        if (web is null || !File.Exists(web) || cluster is null)
        {
            Console.Error.WriteLine("bench dispatch needs --web PATH-TO-GridMap.Web.dll and GRIDMAP_BENCH_DB (./gridmap bench sets both)");
            return 2;
        }

        var logger = loggerFactory.CreateLogger("bench-dispatch");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LiveBenchmark.LoadAverage()}");
        var lookups = new List<(string Scale, LookupComparison.Result Result)>();
        GridLocator? latencyLocator = null;
        foreach (var scale in settings!.Scales)
        {
            var connectionString = await BenchDistrict.PrepareAsync(cluster, scale, devices: false, loggerFactory, cancellationToken);
            await using var dataSource = GridMapDataSource.Create(connectionString);
            var (result, locator) = await new LookupComparison(dataSource, logger).RunAsync(settings.Lookup, cancellationToken);
            lookups.Add((scale, result));
            if (scale == settings.LatencyScale)
            {
                latencyLocator = locator;
            }

            PrintLookup(scale, result);
        }

        ReportLatencyBenchmark.Result? latency = null;
        if (settings.RunLatency)
        {
            var connectionString = await BenchDistrict.PrepareAsync(cluster, settings.LatencyScale, devices: true, loggerFactory, cancellationToken);
            latency = await new ReportLatencyBenchmark(web, loggerFactory).RunAsync(settings.LatencyScale, connectionString, latencyLocator, settings.Latency, cancellationToken);
            PrintLatency(settings.Latency, latency);
        }

        Console.WriteLine(ResultLine(lookups, latency));
        return 0;
    }

    private static void PrintLookup(string scale, LookupComparison.Result r)
    {
        var kinds = string.Join(", ", r.PointsByKind.Select(k => $"{k.Key.ToString().ToLowerInvariant()} {k.Value}"));
        Console.WriteLine($"{scale}: {r.Grids} third-level grids indexed in {F0(r.BuildMs)} ms; {r.Points} seeded points ({kinds}), {r.Located} in a grid");
        Console.WriteLine($"{scale}: in memory   1 thread {F0(r.InMemorySingle.PerSecond)}/s, {r.InMemoryParallel.Degree} threads {F0(r.InMemoryParallel.PerSecond)}/s");
        var wide = r.PostGisWide is { } w ? $", {w.Degree} in flight {F0(w.PerSecond)}/s" : "";
        Console.WriteLine($"{scale}: PostGIS     1 connection {F0(r.PostGisSingle.PerSecond)}/s, {r.PostGisParallel.Degree} in flight {F0(r.PostGisParallel.PerSecond)}/s{wide}");
        Console.WriteLine($"{scale}: speedup {F(r.Speedup)}x against PostGIS at its best ({r.PostGisBest.Degree} in flight); " +
                          $"single thread {F(Ratio(r.InMemorySingle, r.PostGisSingle))}x, same degree ({r.InMemoryParallel.Degree}) {F(Ratio(r.InMemoryParallel, r.PostGisParallel))}x");
        Console.WriteLine($"{scale}: agreement: {r.Points} points compared in one statement, {r.Mismatches.Count} mismatches; " +
                          $"{r.TimedChecked} timed PostGIS answers checked, {r.TimedDisagreements} disagreed");
        foreach (var group in r.Mismatches.GroupBy(m => m.Point.Kind))
        {
            Console.WriteLine($"{scale}:   {group.Count()} mismatches on {group.Key.ToString().ToLowerInvariant()} points, e.g. " +
                              string.Join("; ", group.Take(3).Select(m => $"({F7(m.Point.Lon)}, {F7(m.Point.Lat)}) memory {m.InMemory ?? "none"} PostGIS {m.PostGis ?? "none"}")));
        }
    }

    private static void PrintLatency(ReportLatencyBenchmark.Settings s, ReportLatencyBenchmark.Result r)
    {
        Console.WriteLine($"latency ({r.Scale}): {r.Officers} officers' phones uploading every {s.PositionInterval} s ({s.PositionInterval} fixes each), " +
                          $"{r.Consoles} consoles on /hubs/live, {s.Rate} reports/s offered for {F0(s.Duration.TotalSeconds)} s after {F0(s.WarmUp.TotalSeconds)} s warm-up; " +
                          $"{r.Categories} sub-categories in turn");
        Console.WriteLine($"latency: positions {r.PositionRequests} requests, {r.PositionsAccepted} fixes accepted, {r.PositionFailures} failed requests");
        var failures = r.ReportFailures.Count == 0 ? "none" : string.Join(", ", r.ReportFailures.Select(f => $"{f.Key} {f.Value}"));
        Console.WriteLine($"latency: reports due in the window {r.ReportsDue} ({F(r.OfferedPerSecond)}/s), sent {r.ReportsSent} (the latest {F0(r.MaxSendLagMs)} ms behind schedule), filed {r.ReportsFiled}, " +
                          $"failed: {failures}; states when filed: {string.Join(", ", r.StatesFiled.Select(st => $"{st.Key} {st.Value}"))}");
        Console.WriteLine($"latency: report -> console p50 {F(r.P50)} ms, p90 {F(r.P90)} ms, p99 {F(r.P99)} ms, max {F(r.Max)} ms over {r.Delivered} (report, console) deliveries; " +
                          $"lost {r.LostPairs} of {r.Pairs} pairs ({r.LostCases} cases reached no console); HTTP answer p50 {F(r.HttpP50)} ms, p99 {F(r.HttpP99)} ms; " +
                          $"from the moment each report was due: p50 {F(r.DueP50)} ms, p99 {F(r.DueP99)} ms");
        Console.WriteLine($"latency: cpu during the window: machine {F(r.MachineBusy * 100)} % busy, this benchmark process {F(r.BenchCpuShare * 100)} %; " +
                          $"load average before {r.LoadBefore}, after {r.LoadAfter}");
        foreach (var failure in r.ConsoleFailures)
        {
            Console.WriteLine($"latency: console failure: {failure}");
        }
    }

    internal static string ResultLine(IReadOnlyList<(string Scale, LookupComparison.Result Result)> lookups, ReportLatencyBenchmark.Result? latency)
    {
        var main = lookups.FirstOrDefault(l => l.Scale == "city");
        if (main.Result is null)
        {
            main = lookups[^1];
        }

        var r = main.Result;
        var line = $"RESULT lookups_per_s={F0(r.InMemoryParallel.PerSecond)} postgis_lookups_per_s={F0(r.PostGisBest.PerSecond)} speedup={F1(r.Speedup)} " +
                   $"report_p50_ms={(latency is null ? "n/a" : F(latency.P50))} report_p99_ms={(latency is null ? "n/a" : F(latency.P99))} " +
                   $"scale={main.Scale} single_thread_lookups_per_s={F0(r.InMemorySingle.PerSecond)} postgis_single_per_s={F0(r.PostGisSingle.PerSecond)} " +
                   $"mismatches={lookups.Sum(l => l.Result.Mismatches.Count)}";
        foreach (var (scale, other) in lookups.Where(l => l.Scale != main.Scale))
        {
            line += $" {scale}_lookups_per_s={F0(other.InMemoryParallel.PerSecond)} {scale}_postgis_lookups_per_s={F0(other.PostGisBest.PerSecond)} {scale}_speedup={F1(other.Speedup)}";
        }

        if (latency is not null)
        {
            line += $" reports_sent={latency.ReportsSent} reports_filed={latency.ReportsFiled} lost={latency.LostPairs} consoles={latency.Consoles} officers={latency.Officers}" +
                    $" report_from_due_p50_ms={F(latency.DueP50)} report_from_due_p99_ms={F(latency.DueP99)} send_lag_max_ms={F0(latency.MaxSendLagMs)}";
        }

        return line;
    }

    internal static (Settings? Settings, string? Web, string? Error) ParseArguments(IReadOnlyList<string> args)
    {
        var (settings, web, error) = BenchArguments.Parse(args, new Settings(), static (settings, o) =>
        {
            string Scale(string scale) =>
                scale is "demo" or "city" ? scale : throw new FormatException($"{o.Flag}: unknown scale '{scale}' (demo or city)");
            return o.Flag switch
            {
                "--scales" => settings with { Scales = o.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Scale).ToList() },
                "--points" => settings with { Lookup = settings.Lookup with { Points = o.Int(100, 10_000_000) } },
                "--seed" => settings with
                {
                    Lookup = settings.Lookup with { Seed = o.Int(int.MinValue, int.MaxValue) },
                    Latency = settings.Latency with { Seed = o.Int(int.MinValue, int.MaxValue) },
                },
                "--memory-seconds" => settings with { Lookup = settings.Lookup with { InMemoryDuration = o.Seconds(0.1, 600) } },
                "--postgis-seconds" => settings with { Lookup = settings.Lookup with { PostGisDuration = o.Seconds(0.1, 600) } },
                "--parallel" => settings with { Lookup = settings.Lookup with { Parallelism = o.Int(1, 256) } },
                "--wide" => settings with { Lookup = settings.Lookup with { WideParallelism = o.Int(0, 512) } },
                "--latency-scale" => settings with { LatencyScale = Scale(o.Value) },
                "--officers" => settings with { Latency = settings.Latency with { Officers = o.Int(1, 100_000) } },
                "--consoles" => settings with { Latency = settings.Latency with { Consoles = o.Int(1, 1000) } },
                "--rate" => settings with { Latency = settings.Latency with { Rate = o.Int(0, 10_000) } },
                "--warmup" => settings with { Latency = settings.Latency with { WarmUp = o.Seconds(0, 600) } },
                "--duration" => settings with { Latency = settings.Latency with { Duration = o.Seconds(1, 600) } },
                "--position-interval" => settings with { Latency = settings.Latency with { PositionInterval = o.Int(1, 600) } },
                _ => throw new FormatException(
                    $"unknown option '{o.Flag}' (bench dispatch: --web PATH --scales demo,city --points N --seed N --memory-seconds S --postgis-seconds S " +
                    "--parallel N --wide N --latency-scale demo|city --officers N --consoles N --rate N (0 = no latency part) --warmup S --duration S --position-interval S)"),
            };
        });
        return settings is { Scales.Count: 0 } ? (null, null, "--scales needs at least one of demo, city") : (settings, web, error);
    }

    private static double Ratio(LookupComparison.Throughput a, LookupComparison.Throughput b) => b.PerSecond > 0 ? a.PerSecond / b.PerSecond : 0;

    private static string F0(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    private static string F1(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string F7(double value) => value.ToString("0.#######", CultureInfo.InvariantCulture);
}
