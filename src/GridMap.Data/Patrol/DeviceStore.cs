using GridMap.Domain.Access;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data.Patrol;

/// <summary>A device as the ingest path needs it: whose it is and its token's hash.</summary>
public sealed record ActiveDevice(string DeviceId, long OfficerId, byte[] TokenHash);

/// <summary>A device as an administrator sees it.</summary>
public sealed record DeviceListing(
    string DeviceId,
    long OfficerId,
    string OfficerName,
    string? Role,
    string? GridCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset TokenIssuedAt,
    DateTimeOffset? RevokedAt,
    byte[] TokenHash,
    string? RoleNameZh = null,
    string? RoleNameEn = null)
{
    public bool IsRevoked => RevokedAt is not null;
}

public enum DeviceRegistration
{
    Created,
    Rotated,
    UnknownOfficer,
}

/// <summary>The device table: registration, token rotation, revocation; tokens only as SHA-256.</summary>
public sealed class DeviceStore(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Patrol", name);

    /// <summary>Creates the device, or gives an existing one a new token (and officer) and lifts its revocation.</summary>
    public async Task<DeviceRegistration> RegisterAsync(
        string deviceId, long officerId, byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand(Sql("OfficerExists"), connection, transaction))
        {
            exists.Parameters.AddWithValue("officer_id", officerId);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return DeviceRegistration.UnknownOfficer;
            }
        }

        bool created;
        await using (var command = new NpgsqlCommand(Sql("RegisterDevice"), connection, transaction))
        {
            command.Parameters.AddWithValue("device_id", deviceId);
            command.Parameters.AddWithValue("officer_id", officerId);
            command.Parameters.AddWithValue("token_hash", tokenHash);
            command.Parameters.AddWithValue("now", now.UtcDateTime);
            created = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        return created ? DeviceRegistration.Created : DeviceRegistration.Rotated;
    }

    /// <summary>Revokes an active device; false when there is no such active device.</summary>
    public async Task<bool> RevokeAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("RevokeDevice"));
        command.Parameters.AddWithValue("device_id", deviceId);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<DeviceListing>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListDevices"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = new List<DeviceListing>();
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(new DeviceListing(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetFieldValue<byte[]>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return devices;
    }

    /// <summary>One page of the devices within the query's scope, searched and sorted in SQL.</summary>
    public async Task<DevicePage> SearchAsync(DevicePageQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("SearchDevices"));
        command.Parameters.AddScope(query.Scope);
        command.Parameters.Add(new NpgsqlParameter("pattern", NpgsqlDbType.Text) { Value = (object?)LikePattern.Contains(query.Search) ?? DBNull.Value });
        command.Parameters.AddWithValue("sort", query.Sort switch
        {
            DeviceSort.Officer => "officer",
            DeviceSort.Grid => "grid",
            DeviceSort.LastSeen => "last_seen",
            DeviceSort.Battery => "battery",
            _ => "device",
        });
        command.Parameters.AddWithValue("descending", query.Descending);
        command.Parameters.AddWithValue("limit", Math.Clamp(query.Limit, 1, DevicePageQuery.MaxLimit));
        command.Parameters.AddWithValue("offset", Math.Max(query.Offset, 0));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DeviceRow>();
        var total = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DeviceRow(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFloat(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
            total = (int)reader.GetInt64(9);
        }

        // A page past the end has no rows to carry the total: count without paging then.
        if (rows.Count == 0 && query.Offset > 0)
        {
            return new DevicePage(rows, (await SearchAsync(query with { Offset = 0, Limit = 1 }, cancellationToken)).Total);
        }

        return new DevicePage(rows, total);
    }

    /// <summary>Officers within scope whose name contains the text, for picking a device's owner.</summary>
    public async Task<IReadOnlyList<OfficerChoice>> SearchOfficersAsync(
        GridScope scope, string? name, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("SearchOfficers"));
        command.Parameters.AddScope(scope);
        command.Parameters.AddWithValue("pattern", LikePattern.Contains(name) ?? "%");
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 100));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var officers = new List<OfficerChoice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            officers.Add(new OfficerChoice(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5)));
        }

        return officers;
    }

    public async Task<IReadOnlyList<ActiveDevice>> LoadActiveAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("LoadActiveDevices"));
        return await ReadActiveAsync(command, cancellationToken);
    }

    /// <summary>The active device with this id, or null.</summary>
    public async Task<ActiveDevice?> FindActiveByIdAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("FindActiveDevice"));
        command.Parameters.AddWithValue("device_id", deviceId);
        command.Parameters.Add(new NpgsqlParameter("token_hash", NpgsqlDbType.Bytea) { Value = DBNull.Value });
        return (await ReadActiveAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>The active device whose token has this hash, or null.</summary>
    public async Task<ActiveDevice?> FindActiveByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("FindActiveDevice"));
        command.Parameters.Add(new NpgsqlParameter("device_id", NpgsqlDbType.Text) { Value = DBNull.Value });
        command.Parameters.AddWithValue("token_hash", tokenHash);
        return (await ReadActiveAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>The officers that get a demo device (everyone on patrol duty, not building heads).</summary>
    public async Task<IReadOnlyList<long>> ListDemoOfficersAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql("ListDemoOfficers"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Adds the devices that do not exist yet; returns how many were added.</summary>
    public async Task<int> SeedAsync(IReadOnlyList<(string DeviceId, long OfficerId, byte[] TokenHash)> devices, CancellationToken cancellationToken)
    {
        if (devices.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(Sql("SeedDevices"));
        command.Parameters.AddWithValue("device_ids", devices.Select(d => d.DeviceId).ToArray());
        command.Parameters.AddWithValue("officer_ids", devices.Select(d => d.OfficerId).ToArray());
        command.Parameters.AddWithValue("token_hashes", devices.Select(d => d.TokenHash).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<ActiveDevice>> ReadActiveAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = new List<ActiveDevice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(new ActiveDevice(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
        }

        return devices;
    }
}
