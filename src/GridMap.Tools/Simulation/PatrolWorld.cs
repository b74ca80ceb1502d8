using GridMap.Data;
using GridMap.Domain.Patrol;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridMap.Tools.Simulation;

/// <summary>
/// A registered, unrevoked device and its officer's main assignment. <see cref="Token"/> is the
/// demo token when the stored hash is still the one derived from the demo password, null when an
/// administrator re-registered the device (its token was shown once; such a device can still
/// report through OsmAnd, which needs only its id).
/// </summary>
public sealed record PatrolDevice(string DeviceId, long OfficerId, string Role, string GridCode, string? Token);

/// <summary>What the simulator reads from the database: the demo devices and, per grid, the roads to walk.</summary>
public sealed class PatrolWorld
{
    private PatrolWorld(IReadOnlyList<PatrolDevice> devices, IReadOnlyDictionary<string, PatrolArea> areas)
    {
        Devices = devices;
        Areas = areas;
    }

    public IReadOnlyList<PatrolDevice> Devices { get; }

    public IReadOnlyDictionary<string, PatrolArea> Areas { get; }

    /// <summary>Every usable device (ordered by id); no areas yet.</summary>
    public static async Task<IReadOnlyList<PatrolDevice>> LoadDevicesAsync(NpgsqlDataSource dataSource, string demoPassword, CancellationToken cancellationToken)
    {
        // The most senior current assignment is the officer's grid, as in the device list.
        await using var command = dataSource.CreateCommand(
            """
            SELECT d.device_id, d.officer_id, d.token_hash, a.role, a.grid_code
            FROM device d
            JOIN LATERAL (
                SELECT a.role, a.grid_code
                FROM officer_assignment a
                JOIN officer_role r ON r.code = a.role
                WHERE a.officer_id = d.officer_id
                  AND a.role <> 'building_head'
                  AND (a.until IS NULL OR a.until >= current_date)
                ORDER BY r.sort_order, length(a.grid_code) DESC, a.id
                LIMIT 1
            ) a ON true
            JOIN grid g ON g.code = a.grid_code AND g.valid_to IS NULL
            WHERE d.revoked_at IS NULL
            ORDER BY d.device_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = new List<PatrolDevice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var deviceId = reader.GetString(0);
            var hash = reader.GetFieldValue<byte[]>(2);
            var demo = DeviceTokens.DeriveDemo(demoPassword, deviceId);
            var token = DeviceTokens.Hash(demo).AsSpan().SequenceEqual(hash) ? demo : null;
            devices.Add(new PatrolDevice(deviceId, reader.GetInt64(1), reader.GetString(3), reader.GetString(4), token));
        }

        return devices;
    }

    /// <summary>The areas of the given grids: boundary and the base roads clipped to it, noded.</summary>
    public static async Task<IReadOnlyDictionary<string, PatrolArea>> LoadAreasAsync(
        NpgsqlDataSource dataSource, IReadOnlyCollection<string> gridCodes, CancellationToken cancellationToken)
    {
        // ST_Union nodes the clipped roads, so junctions are shared end points of the pieces.
        await using var command = dataSource.CreateCommand(
            """
            SELECT g.code,
                   g.boundary,
                   ST_CollectionExtract(ST_Union(ST_Intersection(r.geom, g.boundary)), 2)
            FROM grid g
            LEFT JOIN base_road r ON ST_Intersects(r.geom, g.boundary)
            WHERE g.valid_to IS NULL AND g.code = ANY (@codes)
            GROUP BY g.id
            """);
        command.Parameters.AddWithValue("codes", gridCodes.Distinct().ToArray());
        var rows = new List<(string Code, Geometry Boundary, Geometry? Roads)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetFieldValue<Geometry>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<Geometry>(2)));
            }
        }

        var areas = new Dictionary<string, PatrolArea>(StringComparer.Ordinal);
        foreach (var (code, boundary, roads) in rows)
        {
            areas[code] = PatrolArea.Create(code, boundary, roads);
        }

        return areas;
    }

    /// <summary>
    /// <paramref name="count"/> devices drawn by <paramref name="seed"/> (a different sample per
    /// seed, the same for the same seed) with the areas of their grids.
    /// </summary>
    public static async Task<PatrolWorld> LoadAsync(
        string connectionString, string demoPassword, int count, int seed, CancellationToken cancellationToken)
    {
        await using var dataSource = GridMapDataSource.Create(connectionString);
        var all = await LoadDevicesAsync(dataSource, demoPassword, cancellationToken);
        if (all.Count == 0)
        {
            throw new SimulationSetupException("no device is registered; run ./gridmap devices (or register devices in the console) first");
        }

        if (count > all.Count)
        {
            throw new SimulationSetupException($"--officers {count}: only {all.Count} officers have a registered device");
        }

        var chosen = all.ToArray();
        new Random(seed).Shuffle(chosen);
        var devices = chosen.Take(count).ToList();
        var areas = await LoadAreasAsync(dataSource, devices.Select(d => d.GridCode).ToList(), cancellationToken);
        return new PatrolWorld(devices, areas);
    }
}

/// <summary>The simulation cannot start (no devices, bad data); the message is for the user.</summary>
public sealed class SimulationSetupException(string message) : Exception(message);
