using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.Live;
using GridMap.Web.Live;

namespace GridMap.IntegrationTests.CasesApi;

/// <summary>
/// The console map's case endpoints (/api/v1/cases/map, /feed, /intake/buildings/{id}) and the
/// feed fields of the hub's "cases" message: scoped to the caller's grids, bad input named.
/// Each test reports at its own grids (skip offsets 20+), so tests of this class do not meet.
/// </summary>
public sealed class CaseMapApiTests(CasesApiApp app) : IClassFixture<CasesApiApp>
{
    private const string District = "100,10,130,40";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> LeaderRootAsync(string username)
    {
        var root = await app.Database.ScalarAsync<string>(
            $"SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = '{username}' ORDER BY 1 LIMIT 1", Ct);
        Assert.NotNull(root);
        return root;
    }

    private static async Task<long> ReportAsync(HttpClient client, double lat, double lon, string category)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", new { lat, lon, category, description = "地图图层测试" }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<List<JsonElement>> LayerAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/cases/map?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("FeatureCollection", body.GetProperty("type").GetString());
        return [.. body.GetProperty("features").EnumerateArray()];
    }

    private static IEnumerable<long> Ids(IEnumerable<JsonElement> features) => features.Select(f => f.GetProperty("id").GetInt64());

    [Fact]
    public async Task A_leader_sees_only_the_cases_of_their_grids_on_the_layer_and_in_the_feed()
    {
        var root = await LeaderRootAsync("leader01");
        var mine = await app.GridWithOfficerAsync(5, inside: root);
        var other = await app.GridWithOfficerAsync(20, outsideOf: root[..12]);
        using var command = await app.SignedInAsync("command");
        var inside = await ReportAsync(command, mine.Lat, mine.Lon, "env_dumping");
        var outside = await ReportAsync(command, other.Lat, other.Lon, "env_dumping");
        using var leader = await app.SignedInAsync("leader01");

        var leaderLayer = await LayerAsync(leader, $"bbox={District}");
        Assert.Contains(inside, Ids(leaderLayer));
        Assert.DoesNotContain(outside, Ids(leaderLayer));
        Assert.All(leaderLayer, f => Assert.StartsWith(root, f.GetProperty("properties").GetProperty("gridCode").GetString()));

        var commandLayer = await LayerAsync(command, $"bbox={District}");
        Assert.Contains(inside, Ids(commandLayer));
        Assert.Contains(outside, Ids(commandLayer));

        var feature = commandLayer.Single(f => f.GetProperty("id").GetInt64() == inside);
        var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(mine.Lon, coordinates[0].GetDouble(), 6);
        Assert.Equal(mine.Lat, coordinates[1].GetDouble(), 6);
        var properties = feature.GetProperty("properties");
        Assert.Equal("dispatched", properties.GetProperty("state").GetString());
        Assert.Equal(mine.Grid, properties.GetProperty("gridCode").GetString());
        Assert.Equal("env_dumping", properties.GetProperty("subcategory").GetString());
        Assert.Equal("乱倒垃圾、建筑垃圾", properties.GetProperty("subcategoryName").GetString());
        Assert.False(properties.GetProperty("overdue").GetBoolean());
        Assert.Equal(0, properties.GetProperty("escalationLevel").GetInt32());

        // A box around the leader's case alone holds only it, even for the command centre.
        var box = FormattableString.Invariant($"{mine.Lon - 0.0002},{mine.Lat - 0.0002},{mine.Lon + 0.0002},{mine.Lat + 0.0002}");
        Assert.Equal([inside], Ids(await LayerAsync(command, $"bbox={box}")));

        var leaderFeed = await leader.GetFromJsonAsync<List<JsonElement>>("/api/v1/cases/feed", Ct);
        Assert.NotNull(leaderFeed);
        Assert.Contains(inside, Ids(leaderFeed));
        Assert.DoesNotContain(outside, Ids(leaderFeed));
        var commandFeed = await command.GetFromJsonAsync<List<JsonElement>>("/api/v1/cases/feed?limit=10", Ct);
        // Newest first: the last report heads the command centre's feed.
        Assert.Equal(outside, commandFeed![0].GetProperty("id").GetInt64());
        Assert.Equal(inside, commandFeed[1].GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("", "bbox")]
    [InlineData("bbox=114.1,23.0,114.5", "bbox")]
    [InlineData("bbox=114.1,23.0,abc,23.2", "bbox")]
    [InlineData("bbox=114.5,23.0,114.1,23.2", "bbox")]
    [InlineData("bbox=114.1,-95,114.5,23.2", "bbox")]
    [InlineData("bbox=114.1,23.0,114.5,23.2&closedDays=99", "closedDays")]
    [InlineData("bbox=114.1,23.0,114.5,23.2&closedDays=-1", "closedDays")]
    public async Task A_bad_layer_request_is_refused_naming_the_field(string query, string field)
    {
        using var client = await app.SignedInAsync("command");
        var response = await client.GetAsync($"/api/v1/cases/map?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), text);
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task The_feed_limit_is_checked()
    {
        using var client = await app.SignedInAsync("command");
        var response = await client.GetAsync("/api/v1/cases/feed?limit=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task Recently_closed_cases_come_only_when_asked_for()
    {
        var place = await app.GridWithOfficerAsync(21);
        // An official's report waits in "reported", where the command centre may cancel it.
        using var official = await app.SignedInAsync("official");
        var id = await ReportAsync(official, place.Lat, place.Lon, "env_street_business");
        using var command = await app.SignedInAsync("command");
        var cancel = await command.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { action = "cancel", note = "不是隐患", cancelReason = "invalid" }, Ct);
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync(Ct));

        Assert.DoesNotContain(id, Ids(await LayerAsync(command, $"bbox={District}")));
        var withClosed = await LayerAsync(command, $"bbox={District}&closedDays=7");
        var feature = Assert.Single(withClosed, f => f.GetProperty("id").GetInt64() == id);
        Assert.Equal("cancelled", feature.GetProperty("properties").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_building_report_place_is_found_only_within_scope()
    {
        var root = await LeaderRootAsync("leader02");
        var mine = await app.Database.ScalarAsync<long>($"SELECT min(id) FROM building WHERE grid_code LIKE '{root}%'", Ct);
        var other = await app.Database.ScalarAsync<long>($"SELECT min(id) FROM building WHERE grid_code NOT LIKE '{root[..12]}%'", Ct);
        using var leader = await app.SignedInAsync("leader02");

        var place = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/cases/intake/buildings/{mine}", Ct);
        Assert.Equal(mine, place.GetProperty("buildingId").GetInt64());
        Assert.StartsWith(root, place.GetProperty("gridCode").GetString());
        Assert.InRange(place.GetProperty("lat").GetDouble(), 20, 26);
        Assert.False(string.IsNullOrEmpty(place.GetProperty("address").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/cases/intake/buildings/{other}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_hub_message_carries_what_the_feed_shows()
    {
        var place = await app.GridWithOfficerAsync(22);
        using var reporter = await app.SignedInAsync("command");
        await using var console = await SignalRTestClient.ConnectAsync(
            app.Factory.Server, LiveLayer.HubPath, reporter.DefaultRequestHeaders.Authorization!.Parameter, Ct);
        await console.InvokeAsync("SetViewport", [100.0, 10.0, 130.0, 40.0], Ct);

        var id = await ReportAsync(reporter, place.Lat, place.Lon, "fire_wiring");

        var seen = await console.WaitForItemAsync("cases", c => c.GetProperty("id").GetInt64() == id, TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(seen);
        var message = seen.Value;
        Assert.Equal("fire_wiring", message.GetProperty("subcategory").GetString());
        Assert.Equal("电气线路私拉乱接", message.GetProperty("subcategoryName").GetString());
        Assert.Equal("Unsafe electrical wiring", message.GetProperty("subcategoryNameEn").GetString());
        Assert.Equal("high", message.GetProperty("severity").GetString());
        Assert.Equal(CasesApiApp.Tuesday10, message.GetProperty("time").GetDateTimeOffset());
        Assert.NotEqual(JsonValueKind.Null, message.GetProperty("deadline").ValueKind);
    }
}
