using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static GridMap.Tools.Bench.TileBenchmark;

namespace GridMap.Tools.Bench;

/// <summary>
/// `./gridmap bench map [--runs N]`: the time from navigating to the map page to the first grid
/// tile drawn, in headless Chromium, as the command centre opens it (demo district). Each run is
/// a fresh browser context (empty HTTP cache, the same sign-in cookie), so every run fetches the
/// page, the scripts and the tiles anew. Two figures per run, both from the navigation's start:
/// when the first grids tile's data reached the map (MapLibre's sourcedata event; the tiles are
/// fetched by its worker, so Resource Timing of the page does not list them) and the first frame
/// rendered after that (what a person sees).
/// </summary>
internal static class MapFirstTileBenchmark
{
    // Installed before any script of the page: waits for the map the page exposes (window.gridmap,
    // which the browser tests use too) and records the first grids tile and the frame after it.
    private const string Probe =
        """
        (() => {
          const mark = { tile: null, drawn: null };
          window.__gmFirstTile = mark;
          const attach = () => {
            const map = window.gridmap && window.gridmap.map;
            if (!map) { setTimeout(attach, 2); return; }
            const onData = (e) => {
              if (mark.tile !== null || e.sourceId !== "grids" || !e.tile) return;
              mark.tile = performance.now();
              map.once("render", () => { mark.drawn = performance.now(); });
              map.triggerRepaint();
            };
            map.on("sourcedata", onData);
          };
          attach();
        })();
        """;

    public sealed record Run(double TileDataMs, double DrawnMs);

    public static async Task<int> RunCommandAsync(string[] args, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var web = Option(args, "--web");
        var cluster = Environment.GetEnvironmentVariable("GRIDMAP_BENCH_DB");
        var runs = int.Parse(Option(args, "--runs") ?? "12", CultureInfo.InvariantCulture);
        if (web is null || !File.Exists(web) || cluster is null || runs < 1)
        {
            Console.Error.WriteLine("bench map needs --web PATH-TO-GridMap.Web.dll and GRIDMAP_BENCH_DB (./gridmap bench sets both); --runs N ≥ 1");
            return 2;
        }

        var connectionString = await BenchDistrict.PrepareAsync(cluster, "demo", devices: false, loggerFactory, cancellationToken);
        // Pages need the project's wwwroot (the bundled scripts), which a build does not copy next
        // to the dll: serve from the project folder, as ./gridmap run does.
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(web)!, "..", "..", ".."));
        var environment = Directory.Exists(Path.Combine(project, "wwwroot"))
            ? new Dictionary<string, string> { ["ASPNETCORE_CONTENTROOT"] = project }
            : null;
        await using var process = await WebProcess.StartAsync(web, connectionString, cancellationToken, environment);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var state = await HeadlessChromium.SignInAsync(browser, process.BaseAddress, "command", DemoPassword);

        // The first run warms the server (JIT, connection pool, PostgreSQL's cache) and is not counted.
        var results = new List<Run>();
        for (var i = 0; i <= runs; i++)
        {
            var run = await MeasureAsync(browser, state, process.BaseAddress, cancellationToken);
            Console.WriteLine($"run {i}{(i == 0 ? " (warm-up)" : "")}: first grids tile data {F(run.TileDataMs)} ms, drawn {F(run.DrawnMs)} ms");
            if (i > 0)
            {
                results.Add(run);
            }
        }

        var drawn = results.Select(r => r.DrawnMs).Order().ToArray();
        var data = results.Select(r => r.TileDataMs).Order().ToArray();
        Console.WriteLine(
            $"RESULT runs={results.Count} first_tile_drawn_p50_ms={F(Percentile(drawn, 0.5))} first_tile_drawn_p95_ms={F(Percentile(drawn, 0.95))} " +
            $"first_tile_data_p50_ms={F(Percentile(data, 0.5))} first_tile_data_p95_ms={F(Percentile(data, 0.95))} machine_load={LiveBenchmark.LoadAverage()}");
        return 0;
    }

    private static async Task<Run> MeasureAsync(IBrowser browser, string storageState, Uri baseAddress, CancellationToken cancellationToken)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = "zh-CN",
        });
        await context.AddInitScriptAsync(Probe);
        var page = await context.NewPageAsync();
        // The district's overview (z14 over the demo street), the view a console opens on.
        await page.GotoAsync(new Uri(baseAddress, "/").ToString());
        try
        {
            await page.WaitForFunctionAsync("() => window.__gmFirstTile && window.__gmFirstTile.drawn !== null", null, new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<string>(
                """
                () => JSON.stringify({ url: location.href, map: !!(window.gridmap && window.gridmap.map), probe: window.__gmFirstTile,
                  tiles: performance.getEntriesByType("resource").filter(e => e.name.includes("/tiles/")).length })
                """);
            throw new TimeoutException($"no grid tile was drawn within 60 s: {state}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var figures = await page.EvaluateAsync<double[]>("() => [window.__gmFirstTile.tile, window.__gmFirstTile.drawn]");
        return new Run(figures[0], figures[1]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
