using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Loading;

/// <summary>What to do when the district tables already hold data.</summary>
public enum DistrictLoadMode
{
    /// <summary>Refuse (throw <see cref="DistrictNotEmptyException"/>) when any district table has rows.</summary>
    FailIfNotEmpty,

    /// <summary>Do nothing when grids exist (what `./gridmap run` asks for on every start).</summary>
    SkipIfLoaded,

    /// <summary>Empty the district tables (and tables that reference them) first.</summary>
    Replace,
}

/// <summary>One table written by the loader: rows and wall time (copy, insert, index rebuild).</summary>
public sealed record TableLoad(string Table, long Rows, TimeSpan Elapsed);

public sealed record DistrictLoadResult(
    bool Loaded,
    IReadOnlyList<TableLoad> Tables,
    IReadOnlyList<string> ClearedTables,
    long DataVersion,
    TimeSpan Elapsed);

public sealed class DistrictNotEmptyException(IReadOnlyList<string> tables)
    : Exception($"the district tables already hold data ({string.Join(", ", tables)}); replace them explicitly or load into an empty database")
{
    public IReadOnlyList<string> Tables { get; } = tables;
}

/// <summary>
/// Writes a <see cref="DistrictData"/> in one transaction with binary COPY. Rows without
/// geometry go straight into their tables; rows with geometry are copied (NTS geometries through
/// the Npgsql PostGIS plugin) into a temporary staging table and moved with one INSERT … SELECT
/// that derives the EPSG:3857 copy, label point or centroid in PostGIS. The staging columns are
/// <c>geometry(Geometry, 4326)</c>: a geometry without an SRID is taken as EPSG:4326, one in
/// another SRID is refused by PostGIS. Either everything is written and data_version is bumped,
/// or (error, cancellation) nothing is.
/// </summary>
public sealed class DistrictLoader(NpgsqlDataSource dataSource, ILogger<DistrictLoader> logger)
{
    // Serialises concurrent loaders (two `gridmap run` starting at once): the second one waits,
    // then sees the grids the first one committed and skips.
    private const long AdvisoryLockKey = 0x6764_6c6f_6164; // "gdload"

    // Above this many rows, a table's secondary indexes are dropped before the insert and
    // rebuilt after it: one sorted build is much cheaper than a million GiST insertions.
    private const int IndexRebuildThreshold = 100_000;

    /// <summary>The tables a district load owns, in load order (references point backwards).</summary>
    public static IReadOnlyList<string> DistrictTables { get; } =
    [
        "grid", "officer", "building", "officer_assignment", "rental_house", "rental_unit", "resident",
        "base_road", "base_block", "base_water",
    ];

    public async Task<DistrictLoadResult> LoadAsync(
        DistrictData district,
        DistrictLoadMode mode,
        Action<TableLoad>? onTableLoaded = null,
        CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '256MB'", cancellationToken);

        var occupied = await NonEmptyTablesAsync(connection, cancellationToken);
        IReadOnlyList<string> cleared = [];
        if (occupied.Count > 0)
        {
            switch (mode)
            {
                case DistrictLoadMode.SkipIfLoaded when occupied.Contains("grid"):
                    logger.LogInformation("District already loaded; nothing to do");
                    await transaction.RollbackAsync(cancellationToken);
                    return new DistrictLoadResult(false, [], [], 0, total.Elapsed);
                case DistrictLoadMode.Replace:
                    cleared = await ClearAsync(connection, cancellationToken);
                    break;
                default:
                    throw new DistrictNotEmptyException(occupied);
            }
        }

        var tables = new List<TableLoad>();
        async Task Step(string table, int rows, Func<Task> load)
        {
            var watch = Stopwatch.StartNew();
            await WithSecondaryIndexesDeferredAsync(connection, table, rows, load, cancellationToken);
            var loaded = new TableLoad(table, rows, watch.Elapsed);
            tables.Add(loaded);
            logger.LogInformation("Loaded {Rows} rows into {Table} in {Seconds:F2} s", rows, table, loaded.Elapsed.TotalSeconds);
            onTableLoaded?.Invoke(loaded);
        }

        await Step("grid", district.Grids.Count, () => LoadGridsAsync(connection, district.Grids, cancellationToken));
        await Step("officer", district.Officers.Count, () => LoadOfficersAsync(connection, district.Officers, cancellationToken));
        await Step("building", district.Buildings.Count, () => LoadBuildingsAsync(connection, district.Buildings, cancellationToken));
        await Step("officer_assignment", district.OfficerAssignments.Count, () => LoadAssignmentsAsync(connection, district.OfficerAssignments, cancellationToken));
        await Step("rental_house", district.RentalHouses.Count, () => LoadRentalHousesAsync(connection, district.RentalHouses, cancellationToken));
        await Step("rental_unit", district.RentalUnits.Count, () => LoadRentalUnitsAsync(connection, district.RentalUnits, cancellationToken));
        await Step("resident", district.Residents.Count, () => LoadResidentsAsync(connection, district.Residents, cancellationToken));
        await Step("base_road", district.Roads.Count, () => LoadRoadsAsync(connection, district.Roads, cancellationToken));
        await Step("base_block", district.Blocks.Count, () => LoadBlocksAsync(connection, district.Blocks, cancellationToken));
        await Step("base_water", district.Waters.Count, () => LoadWatersAsync(connection, district.Waters, cancellationToken));

        foreach (var table in DistrictTables)
        {
            // Ids were written explicitly; move each sequence past them so later inserts do not collide.
            await ExecuteAsync(connection,
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}",
                cancellationToken);
        }

        var version = await ScalarAsync<long>(connection,
            """
            INSERT INTO data_version (id, version, changed_at) VALUES (1, 1, now())
            ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1, changed_at = now()
            RETURNING version
            """, cancellationToken);

        // Statistics inside the transaction, so the first queries after the commit plan well.
        var analyze = Stopwatch.StartNew();
        await ExecuteAsync(connection, "ANALYZE " + string.Join(", ", DistrictTables), cancellationToken);
        logger.LogInformation("ANALYZE in {Seconds:F2} s", analyze.Elapsed.TotalSeconds);

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("District {Name} loaded in {Seconds:F1} s (data version {Version})",
            district.Name, total.Elapsed.TotalSeconds, version);
        return new DistrictLoadResult(true, tables, cleared, version, total.Elapsed);
    }

    private static async Task<List<string>> NonEmptyTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = string.Join(" UNION ALL ",
            DistrictTables.Select(t => $"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM {t})"));
        var result = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <summary>
    /// Empties the district tables and every table that references them (say, inspections of a
    /// building), which would otherwise point at rows that no longer exist. app_user is the
    /// exception: accounts survive, only their link to an officer is cleared (the accounts
    /// command relinks them). Because app_user keeps its foreign key to officer, officer is
    /// emptied with DELETE; TRUNCATE would demand truncating app_user too.
    /// </summary>
    private async Task<IReadOnlyList<string>> ClearAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var dependents = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            WITH RECURSIVE dep(relid) AS (
                SELECT c.oid FROM pg_class c
                WHERE c.oid = ANY (SELECT to_regclass(t)::oid FROM unnest(@tables::text[]) AS t)
                UNION
                SELECT k.conrelid FROM pg_constraint k JOIN dep ON k.confrelid = dep.relid
                WHERE k.contype = 'f' AND k.conrelid <> to_regclass('app_user')::oid
            )
            SELECT relid::regclass::text FROM dep
            WHERE relid <> ALL (SELECT to_regclass(t)::oid FROM unnest(@tables::text[]) AS t)
            ORDER BY 1
            """, connection))
        {
            command.Parameters.AddWithValue("tables", DistrictTables.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                dependents.Add(reader.GetString(0));
            }
        }

        if (dependents.Count > 0)
        {
            logger.LogWarning("Replacing the district also empties the tables that reference it: {Tables}", string.Join(", ", dependents));
        }

        await ExecuteAsync(connection, "UPDATE app_user SET officer_id = NULL WHERE officer_id IS NOT NULL", cancellationToken);
        var truncated = DistrictTables.Where(t => t != "officer").Concat(dependents).ToList();
        await ExecuteAsync(connection, $"TRUNCATE {string.Join(", ", truncated)} RESTART IDENTITY", cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM officer", cancellationToken);
        logger.LogInformation("Emptied {Tables}", string.Join(", ", truncated.Append("officer")));
        return truncated.Append("officer").ToList();
    }

    private async Task WithSecondaryIndexesDeferredAsync(
        NpgsqlConnection connection, string table, int rows, Func<Task> load, CancellationToken cancellationToken)
    {
        if (rows < IndexRebuildThreshold)
        {
            await load();
            return;
        }

        // Indexes that back a constraint (primary key, unique) stay: dropping them would drop the constraint.
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            WHERE x.indrelid = to_regclass(@table)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY 1
            """, connection))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name}", cancellationToken);
        }

        await load();

        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(connection, definition, cancellationToken);
        }
    }

    private static async Task LoadGridsAsync(NpgsqlConnection connection, IReadOnlyList<GridRow> grids, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection,
            """
            CREATE TEMP TABLE stage_grid (
                id bigint, code text, name text, level smallint, parent_code text, land_use text,
                households int, valid_from timestamptz, geom geometry(Geometry, 4326)) ON COMMIT DROP
            """, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY stage_grid (id, code, name, level, parent_code, land_use, households, valid_from, geom) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            var id = 0L;
            foreach (var g in grids)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(++id, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(g.Code, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(g.Name, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync((short)g.Level, NpgsqlDbType.Smallint, cancellationToken);
                await WriteNullableAsync(copy, g.ParentCode, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(g.LandUse, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(g.Households, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(ToTimestamp(g.ValidFrom), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(g.Boundary, NpgsqlDbType.Geometry, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection,
            """
            INSERT INTO grid (id, code, name, level, parent_code, land_use, boundary, boundary_3857, label_point,
                              households, version, valid_from)
            SELECT s.id, s.code, s.name, s.level, s.parent_code, s.land_use, s.geom, ST_Transform(s.geom, 3857),
                   ST_PointOnSurface(s.geom), s.households, 1, s.valid_from
            FROM stage_grid s
            ORDER BY s.id
            """, cancellationToken);
    }

    private static async Task LoadOfficersAsync(NpgsqlConnection connection, IReadOnlyList<OfficerRow> officers, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY officer (id, name, gender, phone) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var o in officers)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(o.Id, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(o.Name, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(o.Gender.ToString(), NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(o.Phone, NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task LoadBuildingsAsync(NpgsqlConnection connection, IReadOnlyList<BuildingRow> buildings, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection,
            """
            CREATE TEMP TABLE stage_building (
                id bigint, grid_code text, address text, floors smallint, kind text, management_mode text,
                access_control boolean, geom geometry(Geometry, 4326)) ON COMMIT DROP
            """, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY stage_building (id, grid_code, address, floors, kind, management_mode, access_control, geom) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var b in buildings)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(b.Id, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(b.GridCode, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(b.Address, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(b.Floors, NpgsqlDbType.Smallint, cancellationToken);
                await copy.WriteAsync(b.Kind, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(b.ManagementMode, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(b.AccessControl, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(b.Footprint, NpgsqlDbType.Geometry, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection,
            """
            INSERT INTO building (id, grid_code, address, floors, kind, management_mode, access_control,
                                  footprint, footprint_3857, centroid)
            SELECT s.id, s.grid_code, s.address, s.floors, s.kind, s.management_mode, s.access_control,
                   s.geom, ST_Transform(s.geom, 3857), ST_Centroid(s.geom)
            FROM stage_building s
            ORDER BY s.id
            """, cancellationToken);
    }

    private static async Task LoadAssignmentsAsync(NpgsqlConnection connection, IReadOnlyList<OfficerAssignmentRow> assignments, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY officer_assignment (id, officer_id, grid_code, role, shift, building_id, since) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var a in assignments)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(a.Id, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(a.OfficerId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(a.GridCode, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(a.Role, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(a.Shift, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, a.BuildingId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(a.Since, NpgsqlDbType.Date, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task LoadRentalHousesAsync(NpgsqlConnection connection, IReadOnlyList<RentalHouseRow> houses, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY rental_house (id, building_id, landlord_name, landlord_phone, landlord_id_number, manager_name,
                               registered_on, is_large) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var h in houses)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(h.Id, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(h.BuildingId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(h.LandlordName, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(h.LandlordPhone, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(h.LandlordIdNumber, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, h.ManagerName, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(h.RegisteredOn, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(h.IsLarge, NpgsqlDbType.Boolean, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task LoadRentalUnitsAsync(NpgsqlConnection connection, IReadOnlyList<RentalUnitRow> units, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY rental_unit (id, rental_house_id, unit_number, rooms, capacity, area_m2) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var u in units)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(u.Id, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(u.RentalHouseId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(u.UnitNumber, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(u.Rooms, NpgsqlDbType.Smallint, cancellationToken);
            await copy.WriteAsync(u.Capacity, NpgsqlDbType.Smallint, cancellationToken);
            await copy.WriteAsync(u.AreaM2, NpgsqlDbType.Numeric, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task LoadResidentsAsync(NpgsqlConnection connection, IReadOnlyList<ResidentRow> residents, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY resident (id, building_id, rental_unit_id, name, gender, id_number, phone, is_migrant, origin_division,
                           arrived_on, departed_on, residence_permit_no, permit_expires_on) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var r in residents)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(r.BuildingId, NpgsqlDbType.Bigint, cancellationToken);
            await WriteNullableAsync(copy, r.RentalUnitId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(r.Name, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.Gender.ToString(), NpgsqlDbType.Char, cancellationToken);
            await copy.WriteAsync(r.IdNumber, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, r.Phone, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(r.IsMigrant, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(r.OriginDivision, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, r.ArrivedOn, NpgsqlDbType.Date, cancellationToken);
            await WriteNullableAsync(copy, r.DepartedOn, NpgsqlDbType.Date, cancellationToken);
            await WriteNullableAsync(copy, r.ResidencePermitNo, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, r.PermitExpiresOn, NpgsqlDbType.Date, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task LoadRoadsAsync(NpgsqlConnection connection, IReadOnlyList<RoadRow> roads, CancellationToken cancellationToken) =>
        LoadBaseLayerAsync(connection, "base_road", "class", roads.Select(r => new BaseLayerRow(r.Name, r.Class, r.Geometry)), cancellationToken);

    private static Task LoadBlocksAsync(NpgsqlConnection connection, IReadOnlyList<BlockRow> blocks, CancellationToken cancellationToken) =>
        LoadBaseLayerAsync(connection, "base_block", "kind", blocks.Select(b => new BaseLayerRow(null, b.Kind, b.Geometry)), cancellationToken);

    private static Task LoadWatersAsync(NpgsqlConnection connection, IReadOnlyList<WaterRow> waters, CancellationToken cancellationToken) =>
        LoadBaseLayerAsync(connection, "base_water", null, waters.Select(w => new BaseLayerRow(w.Name, null, w.Geometry)), cancellationToken);

    // The three base-map tables share a shape: id, an optional name, an optional text attribute, geom + geom_3857.
    private readonly record struct BaseLayerRow(string? Name, string? Attribute, Geometry Geometry);

    private static async Task LoadBaseLayerAsync(
        NpgsqlConnection connection,
        string table,
        string? attribute,
        IEnumerable<BaseLayerRow> rows,
        CancellationToken cancellationToken)
    {
        var stage = "stage_" + table;
        await ExecuteAsync(connection, $"CREATE TEMP TABLE {stage} (id bigint, name text, attr text, geom geometry(Geometry, 4326)) ON COMMIT DROP", cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {stage} (id, name, attr, geom) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var id = 0L;
            foreach (var row in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(++id, NpgsqlDbType.Bigint, cancellationToken);
                await WriteNullableAsync(copy, row.Name, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, row.Attribute, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Geometry, NpgsqlDbType.Geometry, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var columns = table == "base_block" ? "id, kind" : attribute is null ? "id, name" : $"id, name, {attribute}";
        var values = table == "base_block" ? "s.id, s.attr" : attribute is null ? "s.id, s.name" : "s.id, s.name, s.attr";
        await ExecuteAsync(connection,
            $"""
            INSERT INTO {table} ({columns}, geom, geom_3857)
            SELECT {values}, s.geom, ST_Transform(s.geom, 3857)
            FROM {stage} s
            ORDER BY s.id
            """, cancellationToken);
    }

    // Timestamps of the generated content are dates at midnight, China Standard Time (UTC+8).
    private static DateTime ToTimestamp(DateOnly date) =>
        DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } v)
        {
            await copy.WriteAsync(v, type, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
