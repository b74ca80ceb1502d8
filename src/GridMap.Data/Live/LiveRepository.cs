using GridMap.Domain.Access;
using GridMap.Domain.Grids;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Live;

/// <summary>
/// The live layer's reads and writes: officers and their assignments, grid boundaries for the
/// locator, geofence alerts, tracks and patrol coverage. Grid-bound reads take the caller's scope.
/// </summary>
public sealed class LiveRepository(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Live", name);

    public async Task<IReadOnlyList<OfficerAssignmentRow>> LoadAssignmentsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("LoadOfficers"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OfficerAssignmentRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OfficerAssignmentRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7),
                reader.GetFieldValue<TimeOnly>(8), reader.GetFieldValue<TimeOnly>(9)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<OfficerRoleRow>> LoadRolesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("LoadRoles"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OfficerRoleRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OfficerRoleRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return rows;
    }

    /// <summary>The current third-level grids with their boundaries, for <see cref="GridLocator"/>.</summary>
    public async Task<IReadOnlyList<GridBoundary>> LoadThirdLevelBoundariesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("LoadGridBoundaries"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var grids = new List<GridBoundary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            grids.Add(new GridBoundary(reader.GetString(0), reader.GetFieldValue<Geometry>(1)));
        }

        return grids;
    }

    public async Task<IReadOnlyList<OpenAlertRow>> LoadOpenAlertsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("LoadOpenAlerts"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OpenAlertRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OpenAlertRow(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetDouble(5), reader.GetDouble(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return rows;
    }

    /// <summary>Records an alert and returns its id; an officer's already open alert is kept and its id returned.</summary>
    public async Task<long> InsertAlertAsync(NewAlert alert, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(Sql("InsertAlert"), connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<long>("officer_id", alert.OfficerId));
            insert.Parameters.Add(new NpgsqlParameter<string>("grid_code", alert.GridCode));
            insert.Parameters.Add(new NpgsqlParameter("at_grid_code", NpgsqlDbType.Text) { Value = (object?)alert.AtGridCode ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter<double>("lat", alert.Lat));
            insert.Parameters.Add(new NpgsqlParameter<double>("lon", alert.Lon));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("time", alert.Time.ToUniversalTime()));
            if (await insert.ExecuteScalarAsync(cancellationToken) is long id)
            {
                return id;
            }
        }

        await using var find = new NpgsqlCommand(Sql("FindOpenAlert"), connection);
        find.Parameters.Add(new NpgsqlParameter<long>("officer_id", alert.OfficerId));
        return (long)(await find.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Closes the officer's open alert; its id, or null when none was open.</summary>
    public async Task<long?> ClearAlertAsync(
        long officerId, string reason, double lat, double lon, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ClearAlert"));
        command.Parameters.Add(new NpgsqlParameter<long>("officer_id", officerId));
        command.Parameters.Add(new NpgsqlParameter<string>("reason", reason));
        command.Parameters.Add(new NpgsqlParameter<double>("lat", lat));
        command.Parameters.Add(new NpgsqlParameter<double>("lon", lon));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cleared_at", time.ToUniversalTime()));
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    /// <summary>The officer with their current assignments in scope, or null when none is (callers answer 404).</summary>
    public async Task<OfficerDetail?> GetOfficerAsync(GridScope scope, long officerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("GetOfficer"));
        command.Parameters.Add(new NpgsqlParameter<long>("officer_id", officerId));
        command.Parameters.AddScope(scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? name = null, phone = null;
        var assignments = new List<OfficerDetailAssignment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            name ??= reader.GetString(1);
            phone ??= reader.GetString(2);
            assignments.Add(new OfficerDetailAssignment(
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7),
                reader.GetString(8), reader.GetString(9), reader.GetString(10),
                reader.GetFieldValue<TimeOnly>(11), reader.GetFieldValue<TimeOnly>(12)));
        }

        return assignments.Count == 0 ? null : new OfficerDetail(officerId, name!, phone!, assignments);
    }

    /// <summary>
    /// The latest position of each officer who ever reported, from ingest's officer_latest table;
    /// empty when that table does not exist (ingest not installed).
    /// </summary>
    public async Task<IReadOnlyList<OfficerPosition>> LoadLatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('officer_latest') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return [];
            }
        }

        await using var command = new NpgsqlCommand(Sql("LoadLatest"), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var positions = new List<OfficerPosition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            positions.Add(new OfficerPosition(
                reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetDouble(3), reader.GetDouble(4),
                SpeedMps: OptionalReal(reader, 5), Heading: OptionalReal(reader, 6),
                Battery: OptionalReal(reader, 7), Accuracy: OptionalReal(reader, 8)));
        }

        return positions;
    }

    // Stored as real (4 bytes); rounded so that 1.4 does not come back as 1.3999999761581421.
    private static double? OptionalReal(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Math.Round(reader.GetFloat(ordinal), 3);

    private static double? OptionalDouble(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Up to <paramref name="limit"/> recorded positions of the officer in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<TrackPoint>> GetTrackAsync(
        long officerId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("GetTrack"));
        command.Parameters.Add(new NpgsqlParameter<long>("officer_id", officerId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<TrackPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new TrackPoint(
                reader.GetDouble(0), reader.GetDouble(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                OptionalDouble(reader, 3)));
        }

        return points;
    }

    /// <summary>The level of a current grid in scope, or null (callers answer 404).</summary>
    public async Task<int?> GetGridLevelAsync(GridScope scope, string gridCode, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("GridExists"));
        command.Parameters.Add(new NpgsqlParameter<string>("grid_code", gridCode));
        command.Parameters.AddScope(scope);
        return await command.ExecuteScalarAsync(cancellationToken) is short level ? level : null;
    }

    /// <summary>
    /// Every building of the grid (and its descendants) with the last time a position came within
    /// <paramref name="distanceMetres"/> of it in [windowFrom, to). Empty when the grid is not in scope.
    /// </summary>
    public async Task<IReadOnlyList<BuildingVisitRow>> GetCoverageAsync(
        GridScope scope, string gridCode, DateTimeOffset windowFrom, DateTimeOffset to, double distanceMetres,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("GetCoverage"));
        command.Parameters.Add(new NpgsqlParameter<string>("grid_code", gridCode));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("window_from", windowFrom.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<double>("distance", distanceMetres));
        command.Parameters.AddScope(scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<BuildingVisitRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new BuildingVisitRow(
                reader.GetInt64(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }
}
