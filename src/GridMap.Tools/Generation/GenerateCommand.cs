using System.Diagnostics;
using System.Globalization;
using GridMap.Data;
using GridMap.Data.Loading;
using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Generation;

/// <summary>
/// `gridmap-tools generate [--scale demo|city] [--seed N] [--reference-date yyyy-mm-dd] [--if-empty] [--replace]`:
/// generates a district and loads it in one transaction, printing how long each part took.
/// </summary>
internal static class GenerateCommand
{
    private const string Usage =
        "usage: generate [--scale demo|city] [--seed N] [--reference-date yyyy-mm-dd] [--if-empty | --replace | --dry-run]";

    internal sealed record Arguments(DistrictScale Scale, int Seed, DateOnly ReferenceDate, bool IfEmpty, bool Replace, bool DryRun = false);

    public static async Task<int> RunAsync(string[] args, string connectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var arguments, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var logger = loggerFactory.CreateLogger("generate");
        if (arguments.DryRun)
        {
            var watch = Stopwatch.StartNew();
            var dry = DistrictGenerator.Generate(Options(arguments), cancellationToken, logger);
            PrintGenerated(dry, watch.Elapsed.TotalSeconds, DistrictFingerprint.Compute(dry.Data));
            return 0;
        }

        await using var dataSource = GridMapDataSource.Create(connectionString);

        // The cheap check first: `./gridmap run` calls this on every start.
        var existingGrids = await CountGridsAsync(dataSource, cancellationToken);
        if (existingGrids > 0 && arguments.IfEmpty)
        {
            Console.WriteLine($"generate: a district is already loaded ({existingGrids} grids); nothing to do (--if-empty)");
            return 0;
        }

        if (existingGrids > 0 && !arguments.Replace)
        {
            Console.Error.WriteLine(
                $"generate: the database already holds a district ({existingGrids} grids). Refusing to overwrite it: " +
                "pass --replace to empty the district tables (grids, officers, buildings, rental houses, residents, base map) first.");
            return 1;
        }

        var options = Options(arguments);

        var generateWatch = Stopwatch.StartNew();
        var generated = DistrictGenerator.Generate(options, cancellationToken, logger);
        var generateSeconds = generateWatch.Elapsed.TotalSeconds;
        var fingerprint = DistrictFingerprint.Compute(generated.Data);
        PrintGenerated(generated, generateSeconds, fingerprint);

        var loader = new DistrictLoader(dataSource, loggerFactory.CreateLogger<DistrictLoader>());
        var mode = arguments.Replace ? DistrictLoadMode.Replace
            : arguments.IfEmpty ? DistrictLoadMode.SkipIfLoaded
            : DistrictLoadMode.FailIfNotEmpty;
        DistrictLoadResult result;
        try
        {
            result = await loader.LoadAsync(generated.Data, mode, cancellationToken: cancellationToken);
        }
        catch (DistrictNotEmptyException ex)
        {
            Console.Error.WriteLine($"generate: {ex.Message} (pass --replace to overwrite)");
            return 1;
        }

        if (!result.Loaded)
        {
            Console.WriteLine("generate: another process loaded a district meanwhile; nothing to do (--if-empty)");
            return 0;
        }

        PrintLoaded(result, generateSeconds);
        logger.LogInformation("Loaded the {Scale} district (seed {Seed}, fingerprint {Fingerprint}) as data version {Version}",
            arguments.Scale, options.Seed, fingerprint[..16], result.DataVersion);
        return 0;
    }

    private static GenerationOptions Options(Arguments arguments) => arguments.Scale == DistrictScale.Demo
        ? GenerationOptions.Demo(arguments.Seed, arguments.ReferenceDate)
        : GenerationOptions.City(arguments.Seed, arguments.ReferenceDate);

    internal static bool TryParse(string[] args, out Arguments arguments, out string? error)
    {
        var scale = DistrictScale.Demo;
        var seed = GenerationOptions.DefaultSeed;
        var referenceDate = GenerationOptions.DefaultReferenceDate;
        bool ifEmpty = false, replace = false, dryRun = false;
        arguments = new Arguments(scale, seed, referenceDate, false, false);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--scale":
                    switch (Value())
                    {
                        case "demo": scale = DistrictScale.Demo; break;
                        case "city": scale = DistrictScale.City; break;
                        case var other:
                            error = $"generate: unknown scale '{other}' (demo or city)";
                            return false;
                    }

                    break;
                case "--seed":
                    if (!int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
                    {
                        error = "generate: --seed needs an integer";
                        return false;
                    }

                    break;
                case "--reference-date":
                    if (!DateOnly.TryParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out referenceDate))
                    {
                        error = "generate: --reference-date needs a date as yyyy-mm-dd";
                        return false;
                    }

                    break;
                case "--if-empty":
                    ifEmpty = true;
                    break;
                case "--replace":
                    replace = true;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                default:
                    error = $"generate: unknown argument '{args[i]}'";
                    return false;
            }
        }

        if ((ifEmpty ? 1 : 0) + (replace ? 1 : 0) + (dryRun ? 1 : 0) > 1)
        {
            error = "generate: --if-empty, --replace and --dry-run exclude each other";
            return false;
        }

        arguments = new Arguments(scale, seed, referenceDate, ifEmpty, replace, dryRun);
        return true;
    }

    private static async Task<long> CountGridsAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM grid WHERE valid_to IS NULL");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void PrintGenerated(GeneratedDistrict generated, double seconds, string fingerprint)
    {
        var data = generated.Data;
        var report = generated.Report;
        var options = generated.Options;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"generated the {options.Scale.ToString().ToLowerInvariant()} district in {seconds:F1} s " +
            $"(seed {options.Seed}, reference date {options.ReferenceDate:yyyy-MM-dd}, fingerprint {fingerprint[..16]})"));
        Console.WriteLine(string.Create(inv,
            $"  grids {data.Grids.Count(g => g.Level == 1)} / {data.Grids.Count(g => g.Level == 2)} / {data.Grids.Count(g => g.Level == 3)} " +
            $"over {report.Cells} lattice cells; {data.Buildings.Count:N0} buildings; {data.Roads.Count:N0} roads; " +
            $"{data.Blocks.Count:N0} blocks; {data.Waters.Count:N0} water bodies"));
        Console.WriteLine("  buildings by kind: " + string.Join(", ", report.BuildingsByKind.Select(k => string.Create(inv, $"{k.Key} {k.Value:N0}"))));
        if (options.IncludePeople)
        {
            Console.WriteLine(string.Create(inv,
                $"  residents {report.CurrentResidents:N0} current ({report.MigrantShare:P1} migrants) + " +
                $"{data.Residents.Count - report.CurrentResidents:N0} departed; households {data.Grids.Where(g => g.Level == 1).Sum(g => g.Households):N0}; " +
                $"occupancy scale {report.OccupancyScale:F2}"));
            Console.WriteLine(string.Create(inv,
                $"  rental houses {data.RentalHouses.Count:N0} ({report.LargeRentals:N0} large), units {data.RentalUnits.Count:N0}, " +
                $"access control on {(double)report.RentalBuildingsWithAccessControl / Math.Max(1, report.RentalBuildings):P1} of rental buildings; " +
                $"officers {data.Officers.Count:N0} of which {report.BuildingHeads:N0} building heads"));
            foreach (var village in report.Villages)
            {
                Console.WriteLine(string.Create(inv,
                    $"    {village.Code} {village.Name,-6} {village.Kind,-9} residents {village.Residents,7:N0}  migrants {village.MigrantShare:P1}"));
            }
        }
        else
        {
            Console.WriteLine(string.Create(inv,
                $"  city scale: residents, rental houses/units and building heads are skipped to keep the load short " +
                $"(households are estimated per building); officers {data.Officers.Count:N0}"));
        }
    }

    private static void PrintLoaded(DistrictLoadResult result, double generateSeconds)
    {
        var inv = CultureInfo.InvariantCulture;
        if (result.ClearedTables.Count > 0)
        {
            Console.WriteLine("  replaced: emptied " + string.Join(", ", result.ClearedTables));
        }

        Console.WriteLine(string.Create(inv, $"loaded in {result.Elapsed.TotalSeconds:F1} s (one transaction, data version {result.DataVersion}):"));
        Console.WriteLine("  table                      rows   seconds");
        foreach (var table in result.Tables)
        {
            Console.WriteLine(string.Create(inv, $"  {table.Table,-20} {table.Rows,10:N0} {table.Elapsed.TotalSeconds,9:F2}"));
        }

        Console.WriteLine(string.Create(inv,
            $"generate {generateSeconds:F1} s + load {result.Elapsed.TotalSeconds:F1} s = {generateSeconds + result.Elapsed.TotalSeconds:F1} s"));
    }
}
