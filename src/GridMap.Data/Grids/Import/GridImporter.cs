using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Grids.Import;

/// <summary>
/// Imports grid boundaries from a GeoJSON FeatureCollection, all or nothing. Properties are
/// checked in C# (<see cref="GridFeatureReader"/>); geometries are staged in a temp table and
/// checked in PostGIS in bulk; when no feature has an error the grids are written as new
/// versions and data_version is bumped, all in one transaction.
/// </summary>
public sealed class GridImporter(NpgsqlDataSource dataSource, ILogger<GridImporter> logger)
{
    private static string Sql(string name) => NamedQueries.Get("Grids.Import", name);

    public async Task<ImportResult> ImportFileAsync(string path, ImportOptions? options, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await ImportAsync(stream, options, cancellationToken);
    }

    public async Task<ImportResult> ImportAsync(Stream geojson, ImportOptions? options, CancellationToken cancellationToken)
    {
        options ??= ImportOptions.Default;
        var file = await GridFeatureReader.ReadAsync(geojson, cancellationToken);
        if (file.IsUnreadable)
        {
            logger.LogWarning("Import rejected: {Reason}", file.Errors[0].Message);
            return ImportResult.Rejected(file.Features.Count, file.Errors, [], options.DryRun);
        }

        logger.LogInformation("Validating {FeatureCount} grid feature(s)", file.Features.Count);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, transaction, Sql("CreateStage"), [], cancellationToken);
        await ExecuteAsync(connection, transaction, Sql("LoadStage"), StageParameters(file.Features), cancellationToken);
        await ExecuteAsync(connection, transaction, Sql("CheckGeometries"), [], cancellationToken);

        var (databaseErrors, warnings) = await ReadIssuesAsync(connection, transaction, options, cancellationToken);
        var errors = file.Errors.Concat(databaseErrors).OrderBy(e => e.FeatureIndex ?? int.MaxValue).ToList();
        warnings = warnings.OrderBy(w => w.FeatureIndex ?? int.MaxValue).ThenBy(w => w.Code, StringComparer.Ordinal).ToList();

        if (errors.Count > 0 || options.DryRun)
        {
            // Nothing was written but the stage; rolling back drops it with the lock.
            await transaction.RollbackAsync(cancellationToken);
            if (errors.Count > 0)
            {
                logger.LogWarning(
                    "Import rejected: {ErrorCount} error(s) in {BadFeatureCount} of {FeatureCount} feature(s); nothing was imported",
                    errors.Count, errors.Select(e => e.FeatureIndex).Distinct().Count(), file.Features.Count);
                return ImportResult.Rejected(file.Features.Count, errors, warnings, options.DryRun);
            }

            logger.LogInformation("Dry run: {FeatureCount} feature(s) valid, nothing written", file.Features.Count);
            return new ImportResult(file.Features.Count, 0, 0, [], warnings, null, DryRun: true);
        }

        int imported, replaced;
        long dataVersion;
        await using (var apply = new NpgsqlCommand(Sql("Apply"), connection, transaction))
        await using (var reader = await apply.ExecuteReaderAsync(cancellationToken))
        {
            // Npgsql skips the UPDATE/INSERT results without rows and lands on the final SELECT.
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The import's apply step returned no summary row.");
            }

            imported = reader.GetInt32(0);
            replaced = reader.GetInt32(1);
            dataVersion = reader.GetInt64(2);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Imported {Imported} new and {Replaced} replaced grid(s), {WarningCount} warning(s); data version {DataVersion}",
            imported, replaced, warnings.Count, dataVersion);
        return new ImportResult(file.Features.Count, imported, replaced, [], warnings, dataVersion, DryRun: false);
    }

    private static NpgsqlParameter[] StageParameters(IReadOnlyList<GridFeature> features)
    {
        // Parallel arrays unnested by LoadStage.sql: one statement however many features.
        return
        [
            Array("idx", NpgsqlDbType.Integer, features.Select(f => f.Index).ToArray()),
            Array("code", NpgsqlDbType.Text, features.Select(f => f.Code).ToArray()),
            Array("grid_code", NpgsqlDbType.Text, features.Select(f => f.GridCode).ToArray()),
            // The parent matters only for features that take part in the hierarchy checks.
            Array("parent_code", NpgsqlDbType.Text, features.Select(f => f.GridCode is null ? null : f.ParentCode).ToArray()),
            Array("level", NpgsqlDbType.Smallint, features.Select(f => (short?)f.Level).ToArray()),
            Array("name", NpgsqlDbType.Text, features.Select(f => f.Name).ToArray()),
            Array("land_use", NpgsqlDbType.Text, features.Select(f => f.LandUse).ToArray()),
            Array("households", NpgsqlDbType.Integer, features.Select(f => f.Households).ToArray()),
            Array("geojson", NpgsqlDbType.Text, features.Select(f => f.GeometryJson).ToArray()),
        ];

        static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, T[] values) =>
            new(name, NpgsqlDbType.Array | type) { Value = values };
    }

    private static async Task<(List<ImportIssue> Errors, List<ImportIssue> Warnings)> ReadIssuesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportOptions options, CancellationToken cancellationToken)
    {
        var errors = new List<ImportIssue>();
        var warnings = new List<ImportIssue>();
        await using var command = new NpgsqlCommand(Sql("Issues"), connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<double>("min_tolerance", options.MinToleranceSquareMetres));
        command.Parameters.Add(new NpgsqlParameter<double>("relative_tolerance", options.RelativeTolerance));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var issue = new ImportIssue(
                reader.IsDBNull(0) ? null : reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3));
            (reader.GetBoolean(4) ? warnings : errors).Add(issue);
        }

        return (errors, warnings);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
