using GridMap.Data;
using GridMap.Data.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GridMap.Tools;

/// <summary>Dispatches a tools verb. Each verb lives in its own class.</summary>
internal static class ToolCommands
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: gridmap-tools migrate|generate|accounts|devices|import-grids|bench|simulate ...");
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }).SetMinimumLevel(LogLevel.Information));

        try
        {
            var rest = args[1..];
            return args[0] switch
            {
                "migrate" => await MigrateAsync(loggerFactory, cancellationToken),
                "generate" => await Generation.GenerateCommand.RunAsync(rest, ConnectionString(), loggerFactory, cancellationToken),
                "accounts" => await Generation.DemoAccountsCommand.RunAsync(rest, ConnectionString(), loggerFactory, cancellationToken),
                "devices" => await Devices.DevicesCommand.RunAsync(rest, ConnectionString(), loggerFactory, cancellationToken),
                "import-grids" => await Import.ImportGridsCommand.RunAsync(rest, ConnectionString(), loggerFactory, cancellationToken),
                "bench" => await Bench.BenchCommand.RunAsync(rest, loggerFactory, cancellationToken),
                "simulate" => await Simulation.SimulateCommand.RunAsync(rest, loggerFactory, cancellationToken),
                _ => Unknown(args[0]),
            };
        }
        catch (MigrationFailedException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    internal static string ConnectionString() =>
        Environment.GetEnvironmentVariable("GRIDMAP_DB")
        ?? throw new InvalidOperationException("GRIDMAP_DB is not set (./gridmap sets it).");

    private static Task<int> MigrateAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        MigrateAsync(ConnectionString(), loggerFactory, cancellationToken);

    internal static async Task<int> MigrateAsync(string connectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        await using var dataSource = GridMapDataSource.Create(connectionString);
        var applied = await new MigrationRunner(dataSource, loggerFactory.CreateLogger<MigrationRunner>()).ApplyAsync(cancellationToken);
        loggerFactory.CreateLogger("migrate").LogInformation("{Count} migration(s) applied", applied);
        return 0;
    }

    private static int Unknown(string verb)
    {
        Console.Error.WriteLine($"unknown tools verb '{verb}'");
        return 2;
    }
}
