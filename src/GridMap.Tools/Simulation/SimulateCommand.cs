using System.Net;
using System.Runtime.InteropServices;
using GridMap.Tools.Generation;
using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Simulation;

/// <summary>
/// `gridmap-tools simulate --officers N --interval S [--url URL] [--osmand-share F] [--stray-share F]
/// [--seed N] [--duration S] [--concurrency N]`: demo officers walk the roads of their grids and
/// their phones report to a running console through its public APIs. Reads devices and roads
/// from GRIDMAP_DB. Stops on Ctrl-C or SIGTERM (what `./gridmap run --simulate` sends on exit).
/// </summary>
internal static class SimulateCommand
{
    public static async Task<int> RunAsync(string[] args, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var (options, error) = SimulationOptions.Parse(args, Environment.GetEnvironmentVariable("GRIDMAP_URLS"));
        if (options is null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        var logger = loggerFactory.CreateLogger("simulate");
        // The entry point handles Ctrl-C; a background simulator is stopped with SIGTERM instead.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        PatrolWorld world;
        try
        {
            world = await PatrolWorld.LoadAsync(ToolCommands.ConnectionString(), DemoAccountsCommand.Password, options.Officers, options.Seed, stop.Token);
        }
        catch (SimulationSetupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = CreateClient(handler, options.Url);
        if (!await AnswersHealthAsync(http, stop.Token))
        {
            Console.Error.WriteLine($"the console at {options.Url} does not answer /health; start it (./gridmap run) or pass --url");
            return 1;
        }

        var simulator = new PatrolSimulator(world, options, http, TimeProvider.System, logger);
        var officers = simulator.Officers;
        logger.LogInformation(
            "Simulating {Officers} officers in {Grids} grids ({OsmAnd} through OsmAnd, {Batch} through the batch API, {Strays} who stray), a report every {Interval} s each, to {Url} (seed {Seed}); Ctrl-C stops",
            officers.Count, world.Areas.Count,
            officers.Count(o => o.Protocol == ReportProtocol.OsmAnd), officers.Count(o => o.Protocol == ReportProtocol.Batch),
            officers.Count(o => o.Walker.Strays), options.Interval.TotalSeconds, options.Url, options.Seed);
        await simulator.RunAsync(stop.Token);
        return 0;
    }

    /// <summary>A client for the console at <paramref name="baseUrl"/> (relative paths resolve under it, also below a path prefix).</summary>
    public static HttpClient CreateClient(HttpMessageHandler handler, Uri baseUrl) =>
        new(handler, disposeHandler: false)
        {
            BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"),
            Timeout = TimeSpan.FromSeconds(15),
        };

    private static async Task<bool> AnswersHealthAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("health", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
