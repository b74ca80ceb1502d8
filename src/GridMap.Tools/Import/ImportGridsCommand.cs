using GridMap.Data;
using GridMap.Data.Grids.Import;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GridMap.Tools.Import;

/// <summary>
/// <c>gridmap-tools import-grids [--dry-run] FILE.geojson</c>: imports grid boundaries, all or
/// nothing. Exit code 0 when imported (or valid, with --dry-run), 1 when rejected, 2 on usage.
/// </summary>
internal static class ImportGridsCommand
{
    private const string Usage = "usage: gridmap-tools import-grids [--dry-run] FILE.geojson";

    public static async Task<int> RunAsync(string[] args, string connectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var dryRun = false;
        string? path = null;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                case { } a when a.StartsWith('-') || path is not null:
                    Console.Error.WriteLine(Usage);
                    return 2;
                default:
                    path = arg;
                    break;
            }
        }

        if (path is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file; nothing was imported");
            return 1;
        }

        await using var dataSource = GridMapDataSource.Create(connectionString);
        var importer = new GridImporter(dataSource, loggerFactory.CreateLogger<GridImporter>());
        ImportResult result;
        try
        {
            result = await importer.ImportFileAsync(path, new ImportOptions { DryRun = dryRun }, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or UnauthorizedAccessException)
        {
            // The transaction was rolled back when the connection was disposed; say so plainly
            // rather than with a stack trace.
            loggerFactory.CreateLogger(typeof(ImportGridsCommand)).LogError("Import of {Path} failed: {Error}", path, ex.Message);
            Console.Error.WriteLine($"{path}: {ex.Message}; nothing was imported");
            return 1;
        }

        Report(Path.GetFileName(path), result, Console.Out);
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>The human-readable report; one line per issue so it greps and diffs well.</summary>
    internal static void Report(string fileName, ImportResult result, TextWriter output)
    {
        foreach (var error in result.Errors)
        {
            output.WriteLine(Line(error));
        }

        foreach (var warning in result.Warnings)
        {
            output.WriteLine($"warning: {Line(warning)}");
        }

        if (!result.Succeeded)
        {
            var badFeatures = result.Errors.Where(e => e.FeatureIndex is not null).Select(e => e.FeatureIndex).Distinct().Count();
            var scope = result.FeatureCount > 0
                ? $"{result.Errors.Count} error(s) in {badFeatures} of {result.FeatureCount} feature(s)"
                : $"{result.Errors.Count} error(s)";
            output.WriteLine($"{fileName}: rejected, {scope}; nothing was imported");
            return;
        }

        output.WriteLine(result.DryRun
            ? $"{fileName}: all {result.FeatureCount} feature(s) are valid ({result.Warnings.Count} warning(s)); dry run, nothing was imported"
            : $"{fileName}: imported {result.Imported + result.Replaced} grid(s): {result.Imported} new, {result.Replaced} replaced by a new version; {result.Warnings.Count} warning(s); data version {result.DataVersion}");
    }

    // "feature #<index> (<code>): <check>: <message>", or "file: ..." for the file as a whole.
    private static string Line(ImportIssue issue) => issue.ToString();
}
