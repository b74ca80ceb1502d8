using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using GridMap.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GridMap.IntegrationTests.Live;

/// <summary>Officers, places and positions of the demo district for the live-layer tests.</summary>
internal static class LiveScenario
{
    public sealed record Officer(long Id, string Name, string GridCode, double Lon, double Lat);

    public static async Task<string[]> VillagesAsync(TestDatabase db, CancellationToken ct)
    {
        var codes = new List<string>();
        await using var command = db.DataSource.CreateCommand("SELECT code FROM grid WHERE level = 1 AND valid_to IS NULL ORDER BY code");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            codes.Add(reader.GetString(0));
        }

        return [.. codes];
    }

    /// <summary>The <paramref name="skip"/>-th grid officer of a third-level grid in the village, at the grid's label point.</summary>
    public static async Task<Officer> GridOfficerAsync(TestDatabase db, string village, int skip, CancellationToken ct)
    {
        await using var command = db.DataSource.CreateCommand(
            """
            SELECT o.id, o.name, a.grid_code, ST_X(g.label_point), ST_Y(g.label_point)
            FROM officer_assignment a
            JOIN officer o ON o.id = a.officer_id
            JOIN grid g ON g.code = a.grid_code AND g.valid_to IS NULL
            WHERE a.grid_code LIKE @village || '%' AND g.level = 3 AND a.role = 'grid_officer'
            ORDER BY o.id
            OFFSET @skip LIMIT 1
            """);
        command.Parameters.AddWithValue("village", village);
        command.Parameters.AddWithValue("skip", skip);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct), $"no grid officer #{skip} in {village}");
        return new Officer(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetDouble(4));
    }

    public static async Task<(double Lon, double Lat)> LabelPointAsync(TestDatabase db, string gridCode, CancellationToken ct)
    {
        await using var command = db.DataSource.CreateCommand("SELECT ST_X(label_point), ST_Y(label_point) FROM grid WHERE code = @code AND valid_to IS NULL");
        command.Parameters.AddWithValue("code", gridCode);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        return (reader.GetDouble(0), reader.GetDouble(1));
    }

    /// <summary>
    /// Puts the officers on the on-call shift (all day), so the geofence applies whatever the time
    /// the tests run, and waits until the live layer has re-read the assignments.
    /// </summary>
    public static async Task PutOnCallAsync(TestDatabase db, IServiceProvider services, long[] officerIds, CancellationToken ct)
    {
        var directory = services.GetRequiredService<OfficerDirectory>();
        var before = directory.Version;
        await using (var command = db.DataSource.CreateCommand(
            """
            UPDATE officer_assignment SET shift = 'on_call' WHERE officer_id = ANY (@ids);
            UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
            """))
        {
            command.Parameters.AddWithValue("ids", officerIds);
            await command.ExecuteNonQueryAsync(ct);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (directory.Version == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        Assert.NotEqual(before, directory.Version);
    }

    /// <summary>What ingest does after a commit: the latest state moves, then the feed carries the batch.</summary>
    public static void Publish(IServiceProvider services, params OfficerPosition[] positions)
    {
        services.GetRequiredService<LiveOfficerTracker>().Record(positions);
        services.GetRequiredService<PositionFeed>().Publish(positions);
    }

    public static OfficerPosition At(Officer officer, double lon, double lat, DateTimeOffset time, double? heading = 90) =>
        new(officer.Id, $"dev-{officer.Id}", time, lat, lon, SpeedMps: 1.2, Heading: heading, Battery: 80);

    /// <summary>Writes positions straight into officer_position (what ingest would have stored).</summary>
    public static async Task StoreAsync(DemoApp app, IEnumerable<OfficerPosition> positions, CancellationToken ct)
    {
        // The application migrates the database when it starts; the table comes with it.
        _ = app.Factory.Server;
        var db = app.Database;
        var list = positions.ToList();
        await using var connection = await db.DataSource.OpenConnectionAsync(ct);
        foreach (var day in list.Select(p => DateOnly.FromDateTime(p.Time.UtcDateTime)).Distinct())
        {
            await using var ensure = new NpgsqlCommand("SELECT officer_position_ensure_partition(@day)", connection);
            ensure.Parameters.AddWithValue("day", day);
            await ensure.ExecuteScalarAsync(ct);
        }

        foreach (var p in list)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO officer_position (device_id, officer_id, time, lat, lon, speed_mps, heading, battery, received_at)
                VALUES (@device, @officer, @time, @lat, @lon, @speed, @heading, @battery, now())
                """, connection);
            insert.Parameters.AddWithValue("device", p.DeviceId);
            insert.Parameters.AddWithValue("officer", p.OfficerId);
            insert.Parameters.AddWithValue("time", p.Time.ToUniversalTime());
            insert.Parameters.AddWithValue("lat", p.Lat);
            insert.Parameters.AddWithValue("lon", p.Lon);
            insert.Parameters.AddWithValue("speed", (object?)(float?)p.SpeedMps ?? DBNull.Value);
            insert.Parameters.AddWithValue("heading", (object?)(float?)p.Heading ?? DBNull.Value);
            insert.Parameters.AddWithValue("battery", (object?)(float?)p.Battery ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A bearer token of a demo account.</summary>
    public static async Task<string> TokenAsync(DemoApp app, string username)
    {
        using var client = await app.SignedInAsync(username);
        return client.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    public static async Task<SignalRTestClient> ConsoleAsync(DemoApp app, string username, double[] viewport, CancellationToken ct)
    {
        var console = await SignalRTestClient.ConnectAsync(app.Factory.Server, LiveLayer.HubPath, await TokenAsync(app, username), ct);
        // Hub invocations run after OnConnectedAsync: once this returns, the console is registered.
        await console.InvokeAsync("SetViewport", [viewport[0], viewport[1], viewport[2], viewport[3]], ct);
        return console;
    }

    /// <summary>The whole demo district and some.</summary>
    public static readonly double[] Everywhere = [100, 10, 130, 40];
}
