using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using GridMap.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using static GridMap.IntegrationTests.Patrol.PatrolTestKit;

namespace GridMap.IntegrationTests.Patrol;

/// <summary>The batch API and OsmAnd, end to end on a copy of the demo district.</summary>
public sealed class PositionIngestTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<DemoDevice> DeviceAsync(int index) => (await DemoDevicesAsync(app.Database))[index];

    [Fact]
    public async Task Every_demo_officer_on_patrol_has_a_device_and_building_heads_have_none()
    {
        var withoutDevice = await app.Database.ScalarAsync<long>(
            """
            SELECT count(DISTINCT a.officer_id) FROM officer_assignment a
            WHERE a.role <> 'building_head' AND NOT EXISTS (SELECT 1 FROM device d WHERE d.officer_id = a.officer_id)
            """, Ct);
        var headsWithDevice = await app.Database.ScalarAsync<long>(
            """
            SELECT count(*) FROM device d JOIN officer_assignment a ON a.officer_id = d.officer_id
            WHERE a.role = 'building_head'
            """, Ct);

        Assert.Equal(0, withoutDevice);
        Assert.Equal(0, headsWithDevice);
        Assert.True(await app.Database.ScalarAsync<long>("SELECT count(*) FROM device", Ct) > 300);
    }

    [Fact]
    public async Task A_batch_lands_in_officer_position_and_moves_officer_latest()
    {
        var device = await DeviceAsync(0);
        using var client = app.DeviceClient(device);
        var t0 = Now().AddMinutes(-2);

        var response = await client.PostBatchAsync(
            Item(device, t0, 23.1001, 114.4001, speed: 1.2, battery: 90),
            Item(device, t0.AddSeconds(10), 23.1002, 114.4002),
            Item(device, t0.AddSeconds(20), 23.1003, 114.4003));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(3, body.GetProperty("accepted").GetInt32());
        Assert.Equal(3, body.GetProperty("stored").GetInt32());
        Assert.Empty(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, await CountPositionsAsync(app.Database, device.DeviceId));
        Assert.Equal(t0.AddSeconds(20), await LatestTimeAsync(app.Database, device.OfficerId));
        Assert.Equal(90, await app.Database.ScalarAsync<double>(
            $"SELECT battery FROM officer_position WHERE device_id = '{device.DeviceId}' AND time = '{t0:O}'", Ct));
        Assert.Equal(device.OfficerId, await app.Database.ScalarAsync<long>(
            $"SELECT DISTINCT officer_id FROM officer_position WHERE device_id = '{device.DeviceId}'", Ct));
    }

    [Fact]
    public async Task An_older_position_sent_late_does_not_move_the_officer_back()
    {
        var device = await DeviceAsync(1);
        using var client = app.DeviceClient(device);
        var now = Now();

        (await client.PostBatchAsync(Item(device, now.AddSeconds(-5)))).EnsureSuccessStatusCode();
        (await client.PostBatchAsync(Item(device, now.AddHours(-30)))).EnsureSuccessStatusCode();

        Assert.Equal(now.AddSeconds(-5), await LatestTimeAsync(app.Database, device.OfficerId));
        // Thirty hours back is yesterday's (or the day before's) partition, created on demand.
        Assert.Equal(2, await CountPositionsAsync(app.Database, device.DeviceId));
    }

    [Fact]
    public async Task Rejected_items_are_listed_with_their_index_code_and_reason()
    {
        var device = await DeviceAsync(2);
        var other = await DeviceAsync(3);
        using var client = app.DeviceClient(device);
        var now = Now();

        var response = await client.PostBatchAsync(
            Item(device, now),
            Item(device, now.AddSeconds(1), lat: 95),
            Item(device, now.AddSeconds(2), lon: -200),
            Item(device, now.AddHours(1)),
            Item(device, now.AddDays(-30)),
            new { deviceId = "no-such-phone", time = now, lat = 23.1, lon = 114.4 },
            Item(other, now),
            new { time = now, lat = "23.1", lon = 114.4 },
            "not an item",
            new { time = now.AddSeconds(3), lat = 23.1, lon = 114.4 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("index").GetInt32(), r => (Code: r.GetProperty("code").GetString(), Reason: r.GetProperty("reason").GetString()!));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], rejected.Keys.Order());
        Assert.Equal("out_of_range", rejected[1].Code);
        Assert.Contains("lat 95", rejected[1].Reason);
        Assert.Equal("out_of_range", rejected[2].Code);
        Assert.Equal("future", rejected[3].Code);
        Assert.Equal("too_old", rejected[4].Code);
        Assert.Equal("unknown_device", rejected[5].Code);
        Assert.Contains("no-such-phone", rejected[5].Reason);
        Assert.Equal("device_mismatch", rejected[6].Code);
        Assert.Equal("malformed", rejected[7].Code);
        Assert.Contains("lat must be a number", rejected[7].Reason);
        Assert.Equal("malformed", rejected[8].Code);
        Assert.Equal(2, await CountPositionsAsync(app.Database, device.DeviceId));
        Assert.Equal(0, await CountPositionsAsync(app.Database, other.DeviceId));
    }

    [Fact]
    public async Task A_position_sent_twice_is_stored_once()
    {
        var device = await DeviceAsync(4);
        using var client = app.DeviceClient(device);
        var now = Now();
        object[] batch = [Item(device, now.AddSeconds(-2)), Item(device, now.AddSeconds(-1)), Item(device, now.AddSeconds(-1))];

        var first = await (await client.PostBatchAsync(batch)).JsonAsync();
        var second = await (await client.PostBatchAsync(batch)).JsonAsync();

        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        Assert.Equal(2, first.GetProperty("stored").GetInt32());
        Assert.Equal(1, first.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, second.GetProperty("accepted").GetInt32());
        Assert.Equal(0, second.GetProperty("stored").GetInt32());
        Assert.Equal(3, second.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, await CountPositionsAsync(app.Database, device.DeviceId));
    }

    [Fact]
    public async Task Only_a_device_token_opens_the_batch_API()
    {
        using var anonymous = app.Anonymous();
        using var user = await app.SignedInAsync("command");
        using var forged = app.DeviceClient("made-up-token");
        var device = await DeviceAsync(5);
        var item = Item(device, Now());

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostBatchAsync(item)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.PostBatchAsync(item)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostBatchAsync(item)).StatusCode);
        Assert.Equal(0, await CountPositionsAsync(app.Database, device.DeviceId));
    }

    [Fact]
    public async Task A_device_token_opens_nothing_else()
    {
        using var client = app.DeviceClient(await DeviceAsync(5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/grids", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/officers/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unreadable_batch_is_refused_naming_the_field()
    {
        using var client = app.DeviceClient(await DeviceAsync(6));

        var response = await client.PostAsync("/api/v1/positions", new StringContent("""{"items":[]}""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("positions", out _));
    }

    [Fact]
    public async Task OsmAnd_GET_with_query_parameters_is_stored()
    {
        var device = await DeviceAsync(7);
        using var client = app.Anonymous();
        var time = Now().AddSeconds(-3);

        var response = await client.GetAsync(
            $"/osmand?id={device.DeviceId}&timestamp={time.ToUnixTimeSeconds()}&lat=23.1181&lon=114.4152&speed=10&bearing=90&altitude=30&accuracy=6&batt=66&charge=true", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountPositionsAsync(app.Database, device.DeviceId));
        Assert.Equal(5.1444, await app.Database.ScalarAsync<double>($"SELECT round(speed_mps::numeric, 4) FROM officer_position WHERE device_id = '{device.DeviceId}'", Ct));
        Assert.Equal(time, await LatestTimeAsync(app.Database, device.OfficerId));
    }

    [Fact]
    public async Task OsmAnd_POST_with_a_form_or_a_query_and_Traccar_Client_9_JSON_are_stored()
    {
        var device = await DeviceAsync(8);
        using var client = app.Anonymous();
        var time = Now().AddSeconds(-10);

        var form = await client.PostAsync("/osmand", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["deviceid"] = device.DeviceId,
            ["timestamp"] = time.ToString("yyyy-MM-dd HH:mm:ss"),
            ["location"] = "23.12,114.41",
        }), Ct);
        var query = await client.PostAsync($"/osmand?id={device.DeviceId}&timestamp={time.AddSeconds(1).ToUnixTimeMilliseconds()}&lat=23.12&lon=114.41", null, Ct);
        var json = await client.PostAsync("/osmand", new StringContent(
            $$$"""
            {"location":{"timestamp":"{{{time.AddSeconds(2):yyyy-MM-ddTHH:mm:ss.fffZ}}}","is_moving":true,
              "coords":{"latitude":23.12,"longitude":114.41,"accuracy":5,"speed":1.5,"heading":45,"altitude":20},
              "battery":{"level":0.5,"is_charging":false}},"device_id":"{{{device.DeviceId}}}"}
            """, Encoding.UTF8, "application/json"), Ct);
        var put = await client.PutAsync($"/osmand?id={device.DeviceId}&timestamp={time.AddSeconds(3).ToUnixTimeSeconds()}&lat=23.12&lon=114.41", null, Ct);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(4, await CountPositionsAsync(app.Database, device.DeviceId));
        Assert.Equal(50, await app.Database.ScalarAsync<double>(
            $"SELECT battery FROM officer_position WHERE device_id = '{device.DeviceId}' AND time = '{time.AddSeconds(2):O}'", Ct));
    }

    [Fact]
    public async Task OsmAnd_from_an_unknown_device_gets_400_and_stores_nothing()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync($"/osmand?id=999999&timestamp={Now().ToUnixTimeSeconds()}&lat=23.1&lon=114.4", Ct);
        var json = await client.PostAsync("/osmand", new StringContent(
            """{"device_id":"999999","location":{"timestamp":"2026-01-01T00:00:00Z","coords":{"latitude":23,"longitude":114}}}""",
            Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("999999", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(0, await CountPositionsAsync(app.Database, "999999"));
    }

    [Fact]
    public async Task OsmAnd_with_a_bad_position_gets_400_with_the_reason()
    {
        var device = await DeviceAsync(9);
        using var client = app.Anonymous();

        var badLat = await client.GetAsync($"/osmand?id={device.DeviceId}&lat=abc&lon=114.4", Ct);
        var future = await client.GetAsync($"/osmand?id={device.DeviceId}&lat=23.1&lon=114.4&timestamp={Now().AddDays(1).ToUnixTimeSeconds()}", Ct);
        var missingId = await client.GetAsync("/osmand?lat=23.1&lon=114.4", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badLat.StatusCode);
        Assert.Contains("lat is not a number", await badLat.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("future", await future.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, missingId.StatusCode);
        Assert.Equal(0, await CountPositionsAsync(app.Database, device.DeviceId));
    }

    [Fact]
    public async Task The_feed_receives_each_committed_position_once()
    {
        var feed = app.Factory.Services.GetRequiredService<PositionFeed>();
        var subscription = feed.Subscribe();
        var device = await DeviceAsync(10);
        using var client = app.DeviceClient(device);
        var now = Now();

        (await client.PostBatchAsync(Item(device, now.AddSeconds(-2), 23.11, 114.41), Item(device, now.AddSeconds(-1), 23.12, 114.42))).EnsureSuccessStatusCode();
        (await client.PostBatchAsync(Item(device, now.AddSeconds(-1), 23.12, 114.42))).EnsureSuccessStatusCode(); // a duplicate
        (await client.PostBatchAsync(Item(device, now, 23.13, 114.43))).EnsureSuccessStatusCode();

        var received = new List<OfficerPosition>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (received.Count < 3)
        {
            var batch = await subscription.ReadAsync(timeout.Token);
            received.AddRange(batch.Where(p => p.DeviceId == device.DeviceId));
        }

        Assert.Equal([now.AddSeconds(-2), now.AddSeconds(-1), now], received.Select(p => p.Time));
        Assert.All(received, p => Assert.Equal(device.OfficerId, p.OfficerId));
        Assert.Equal(23.13, received[2].Lat);
        // The duplicate was not published again.
        Assert.False(subscription.TryRead(out var extra) && extra.Any(p => p.DeviceId == device.DeviceId));
    }

    [Fact]
    public async Task Live_officers_are_scoped_to_the_callers_grids_and_carry_their_state()
    {
        // Past the devices that the other tests of this class take by index (0-10), whose
        // officers' latest positions those tests check.
        var devices = (await DemoDevicesAsync(app.Database)).Skip(11).ToList();
        var leaderVillage = await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'leader01'", Ct);
        var inside = devices.Where(d => d.GridCode.StartsWith(leaderVillage!, StringComparison.Ordinal)).Take(3).ToList();
        var outside = devices.First(d => !d.GridCode.StartsWith(leaderVillage!, StringComparison.Ordinal) );
        var now = Now();
        TimeSpan[] ages = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(30)];
        for (var i = 0; i < 3; i++)
        {
            using var client = app.DeviceClient(inside[i]);
            (await client.PostBatchAsync(Item(inside[i], now - ages[i], battery: 50 + i))).EnsureSuccessStatusCode();
        }

        using (var client = app.DeviceClient(outside))
        {
            (await client.PostBatchAsync(Item(outside, now))).EnsureSuccessStatusCode();
        }

        using var leader = await app.SignedInAsync("leader01");
        using var command = await app.SignedInAsync("command");
        var leaderSees = await leader.GetFromJsonAsync<JsonElement[]>("/api/v1/officers/live", Ct);
        var commandSees = await command.GetFromJsonAsync<JsonElement[]>("/api/v1/officers/live", Ct);

        var seen = leaderSees!.ToDictionary(o => o.GetProperty("deviceId").GetString()!);
        Assert.All(inside, d => Assert.Contains(d.DeviceId, seen.Keys));
        Assert.DoesNotContain(outside.DeviceId, seen.Keys);
        Assert.All(leaderSees!, o => Assert.StartsWith(leaderVillage!, o.GetProperty("gridCode").GetString()));
        Assert.Contains(commandSees!, o => o.GetProperty("deviceId").GetString() == outside.DeviceId);

        var live = seen[inside[0].DeviceId];
        Assert.Equal("live", live.GetProperty("state").GetString());
        Assert.Equal(inside[0].OfficerId, live.GetProperty("officerId").GetInt64());
        Assert.Equal(inside[0].GridCode, live.GetProperty("gridCode").GetString());
        Assert.Equal("grid_officer", live.GetProperty("role").GetString());
        Assert.False(string.IsNullOrEmpty(live.GetProperty("name").GetString()));
        Assert.Equal(23.1, live.GetProperty("lat").GetDouble());
        Assert.Equal(114.4, live.GetProperty("lon").GetDouble());
        Assert.Equal(50, live.GetProperty("battery").GetDouble());
        Assert.Equal(now - ages[0], live.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("stale", seen[inside[1].DeviceId].GetProperty("state").GetString());
        Assert.Equal("offline", seen[inside[2].DeviceId].GetProperty("state").GetString());

        // Ingest fed the one store the consoles and the officer panel read too, at the same thresholds.
        var tracker = app.Factory.Services.GetRequiredService<LiveOfficerTracker>();
        Assert.Equal(
            [LiveState.Live, LiveState.Stale, LiveState.Offline],
            inside.Select(d => tracker.Find(d.OfficerId)!.State));
        Assert.Equal(now - ages[1], tracker.Find(inside[1].OfficerId)!.Position.Time);
    }

    [Fact]
    public async Task Live_officers_need_a_signed_in_user()
    {
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/officers/live", Ct)).StatusCode);
    }
}
