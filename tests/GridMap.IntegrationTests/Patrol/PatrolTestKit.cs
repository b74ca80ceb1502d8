using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Domain.Patrol;
using Npgsql;

namespace GridMap.IntegrationTests.Patrol;

/// <summary>A demo device: its id, officer, the officer's main grid, and its (demo) token.</summary>
public sealed record DemoDevice(string DeviceId, long OfficerId, string GridCode)
{
    public string Token => DeviceTokens.DeriveDemo(DemoDistrict.Password, DeviceId);
}

/// <summary>Shared helpers of the patrol tests.</summary>
public static class PatrolTestKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo devices of grid officers (role grid_officer), by device id.</summary>
    public static async Task<IReadOnlyList<DemoDevice>> DemoDevicesAsync(TestDatabase database, string role = "grid_officer")
    {
        await using var command = database.DataSource.CreateCommand(
            """
            -- One row per device even when its officer holds several assignments, so that
            -- different indexes are different officers' phones.
            SELECT DISTINCT ON (d.device_id) d.device_id, d.officer_id, a.grid_code
            FROM device d
            JOIN officer_assignment a ON a.officer_id = d.officer_id AND a.role = @role
            WHERE d.revoked_at IS NULL
            ORDER BY d.device_id, a.grid_code
            """);
        command.Parameters.AddWithValue("role", role);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var devices = new List<DemoDevice>();
        while (await reader.ReadAsync(Ct))
        {
            devices.Add(new DemoDevice(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return devices;
    }

    public static HttpClient DeviceClient(this DemoApp app, DemoDevice device) => app.DeviceClient(device.Token);

    public static HttpClient DeviceClient(this DemoApp app, string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Now, cut to the second so that times compare exactly after a round trip.</summary>
    public static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
    }

    public static object Item(DemoDevice device, DateTimeOffset time, double lat = 23.1, double lon = 114.4, double? speed = null, double? battery = null) =>
        new { deviceId = device.DeviceId, time, lat, lon, speed, heading = (double?)null, altitude = (double?)null, accuracy = (double?)null, battery };

    public static Task<HttpResponseMessage> PostBatchAsync(this HttpClient client, params object[] items) =>
        client.PostAsJsonAsync("/api/v1/positions", new { positions = items }, Ct);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    public static async Task<long> CountPositionsAsync(TestDatabase database, string deviceId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM officer_position WHERE device_id = @d");
        command.Parameters.AddWithValue("d", deviceId);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    public static async Task<DateTimeOffset?> LatestTimeAsync(TestDatabase database, long officerId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT time FROM officer_latest WHERE officer_id = @o");
        command.Parameters.AddWithValue("o", officerId);
        return await command.ExecuteScalarAsync(Ct) is DateTime time ? new DateTimeOffset(time, TimeSpan.Zero) : null;
    }

    /// <summary>The stored (device, time) keys among <paramref name="keys"/>.</summary>
    public static async Task<HashSet<(string, DateTimeOffset)>> StoredAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<(string DeviceId, DateTimeOffset Time)> keys)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT p.device_id, p.time
            FROM officer_position p
            JOIN unnest(@devices::text[], @times::timestamptz[]) AS k(device_id, time)
              ON k.device_id = p.device_id AND k.time = p.time
            """);
        command.Parameters.AddWithValue("devices", keys.Select(k => k.DeviceId).ToArray());
        command.Parameters.AddWithValue("times", keys.Select(k => k.Time.UtcDateTime).ToArray());
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var stored = new HashSet<(string, DateTimeOffset)>();
        while (await reader.ReadAsync(Ct))
        {
            stored.Add((reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero)));
        }

        return stored;
    }
}

