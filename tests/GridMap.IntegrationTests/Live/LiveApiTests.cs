using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Domain.Patrol;
using static GridMap.IntegrationTests.Live.LiveScenario;

namespace GridMap.IntegrationTests.Live;

/// <summary>Track replay, patrol coverage and the officer panel over recorded positions.</summary>
public sealed class LiveApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const double Metre = 1.0 / 111_195;

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_track_comes_back_in_time_order_with_its_stops()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 0, Ct);
        var start = DateTimeOffset.UtcNow.AddMinutes(-40);
        var positions = new List<OfficerPosition>();
        // Walk 20 fixes north, stand 6 minutes, walk 20 more.
        for (var i = 0; i < 20; i++)
        {
            positions.Add(At(officer, officer.Lon, officer.Lat + i * 6 * Metre, start.AddSeconds(5 * i)));
        }

        var door = positions[^1];
        for (var i = 1; i <= 36; i++)
        {
            positions.Add(At(officer, door.Lon + (i % 3) * Metre, door.Lat + (i % 2) * Metre, door.Time.AddSeconds(10 * i)));
        }

        var leave = positions[^1];
        for (var i = 1; i <= 20; i++)
        {
            positions.Add(At(officer, officer.Lon, leave.Lat + i * 6 * Metre, leave.Time.AddSeconds(5 * i)));
        }

        await StoreAsync(app, positions.OrderBy(_ => Guid.NewGuid()), Ct);
        using var client = await app.SignedInAsync("leader01");

        var track = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/officers/{officer.Id}/track?from={Iso(start.AddMinutes(-1))}&to={Iso(DateTimeOffset.UtcNow)}", Ct);

        var points = track.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(positions.Count, points.Count);
        var times = points.Select(p => p.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order().ToList(), times);
        Assert.Equal(1.2, points[0].GetProperty("speed").GetDouble(), 3);
        var stop = Assert.Single(track.GetProperty("stops").EnumerateArray().ToList());
        Assert.InRange(stop.GetProperty("minutes").GetDouble(), 6, 7.5);
        Assert.InRange(stop.GetProperty("lat").GetDouble(), door.Lat - 30 * Metre, door.Lat + 30 * Metre);
        Assert.False(track.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-09-30T08:00:00Z&to=2026-10-02T08:00:00Z", "to")]
    [InlineData("from=2026-09-30T09:00:00Z&to=2026-09-30T08:00:00Z", "from")]
    [InlineData("to=2026-13-40", "to")]
    [InlineData("stopMinutes=-1", "stopMinutes")]
    public async Task A_bad_track_request_names_the_parameter(string query, string parameter)
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 0, Ct);
        using var client = await app.SignedInAsync("command");

        var response = await client.GetAsync($"/api/v1/officers/{officer.Id}/track?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Another_villages_officer_has_no_track_for_a_grid_leader()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[1], 0, Ct);
        using var leader = await app.SignedInAsync("leader01");
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/officers/{officer.Id}/track", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/fragments/officers/{officer.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/officers/{officer.Id}/track", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/coverage?grid=441302010001", Ct)).StatusCode);
    }

    [Fact]
    public async Task Coverage_counts_the_buildings_passed_within_the_distance()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        // A village no other test of this class walks in, so their positions cannot pass these buildings.
        var officer = await GridOfficerAsync(app.Database, villages[3], 1, Ct);
        var buildings = await BuildingsAsync(officer.GridCode);
        Assert.True(buildings.Count >= 6, $"grid {officer.GridCode} has {buildings.Count} buildings");
        var (a, b) = (buildings[0], buildings[buildings.Count / 2]);
        // A building passed three days ago only, away from a and b.
        var c = buildings.Where(x => Metres(x, a) > 120 && Metres(x, b) > 120).First();
        var now = DateTimeOffset.UtcNow;
        await StoreAsync(app,
        [
            At(officer, a.Lon, a.Lat, now.AddMinutes(-20)),
            At(officer, b.Lon, b.Lat, now.AddMinutes(-10)),
            At(officer, c.Lon, c.Lat, now.AddDays(-3)),
        ], Ct);
        // Other tests of this class store positions too; coverage counts every officer's passes.
        var passes = await PositionsBetweenAsync(now.AddHours(-1), now.AddMinutes(1));
        var expected = await BuildingsNearAsync(officer.GridCode, [(a.Lon, a.Lat), (b.Lon, b.Lat), .. passes], 30);
        using var client = await app.SignedInAsync("command");
        var period = $"from={Iso(now.AddHours(-1))}&to={Iso(now.AddMinutes(1))}";

        var week = await client.GetFromJsonAsync<JsonElement>($"/api/v1/coverage?grid={officer.GridCode}&{period}", Ct);
        var twoDays = await client.GetFromJsonAsync<JsonElement>($"/api/v1/coverage?grid={officer.GridCode}&{period}&days=2", Ct);

        Assert.Equal(officer.GridCode, week.GetProperty("gridCode").GetString());
        Assert.Equal(buildings.Count, week.GetProperty("buildings").GetInt32());
        Assert.Equal(expected.Count, week.GetProperty("visited").GetInt32());
        Assert.Equal(Math.Round(100.0 * expected.Count / buildings.Count, 1), week.GetProperty("percent").GetDouble());
        var visited = Ids(week, "visitedBuildingIds");
        Assert.Equal(expected.Order(), visited.Order());
        Assert.Contains(a.Id, visited);
        Assert.Contains(b.Id, visited);
        // c: passed within the last 7 days but not in the period.
        Assert.Contains(c.Id, Ids(week, "notVisitedBuildingIds"));
        var overdue = week.GetProperty("notVisitedSince").EnumerateArray().ToList();
        Assert.DoesNotContain(overdue, o => o.GetProperty("buildingId").GetInt64() == c.Id);
        Assert.Equal(buildings.Count, visited.Count + Ids(week, "notVisitedBuildingIds").Count + overdue.Count);
        // No other position was stored near this grid in the lookback: nothing overdue has a last visit.
        Assert.All(overdue, o => Assert.Equal(JsonValueKind.Null, o.GetProperty("lastVisit").ValueKind));

        // With two days as the limit, c is overdue, and its last visit is known.
        var cOverdue = twoDays.GetProperty("notVisitedSince").EnumerateArray().Single(o => o.GetProperty("buildingId").GetInt64() == c.Id);
        Assert.InRange(cOverdue.GetProperty("lastVisit").GetDateTimeOffset(), now.AddDays(-3).AddSeconds(-1), now.AddDays(-3).AddSeconds(1));
        Assert.Equal(expected.Count, twoDays.GetProperty("visited").GetInt32());
    }

    [Theory]
    [InlineData("", "grid")]
    [InlineData("grid=12345", "grid")]
    [InlineData("grid=441302010001&days=0", "days")]
    [InlineData("grid=441302010001&distance=abc", "distance")]
    [InlineData("grid=441302010001&from=2026-01-01T00:00:00Z&to=2026-09-01T00:00:00Z", "from")]
    public async Task A_bad_coverage_request_names_the_parameter(string query, string parameter)
    {
        using var client = await app.SignedInAsync("command");

        var response = await client.GetAsync($"/api/v1/coverage?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Coverage_of_a_grid_outside_the_scope_is_not_found()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        using var client = await app.SignedInAsync("leader01");

        var response = await client.GetAsync($"/api/v1/coverage?grid={villages[1]}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_officer_panel_shows_the_officer_and_their_latest_report()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 2, Ct);
        Publish(app.Factory.Services, At(officer, officer.Lon, officer.Lat, DateTimeOffset.UtcNow));
        await Task.Delay(300, Ct);
        using var client = await app.SignedInAsync("leader01");

        var html = await client.GetStringAsync($"/fragments/officers/{officer.Id}", Ct);

        Assert.Contains(officer.Name, html);
        Assert.Contains(officer.GridCode, html);
        // Where the officer is: the grid's name, with its code as secondary text.
        var gridName = await app.Database.ScalarAsync<string>($"SELECT name FROM grid WHERE code = '{officer.GridCode}' AND valid_to IS NULL", Ct);
        Assert.Matches($"data-testid=\"officer-at-grid\"[^>]*>{System.Text.RegularExpressions.Regex.Escape(gridName!)}<", html);
        Assert.Contains("专职网格员", html);
        Assert.Contains("data-state=\"live\"", html);
        Assert.Contains("80%", html);
        Assert.Contains("回放轨迹", html);
        Assert.Contains($"data-live-replay=\"{officer.Id}\"", html);
    }

    private sealed record Building(long Id, double Lon, double Lat);

    private static double Metres(Building x, Building y) => GridMap.Domain.Live.GeoMath.DistanceMetres(x.Lat, x.Lon, y.Lat, y.Lon);

    private static List<long> Ids(JsonElement coverage, string property) =>
        coverage.GetProperty(property).EnumerateArray().Select(e => e.GetInt64()).ToList();

    private async Task<List<Building>> BuildingsAsync(string gridCode)
    {
        await using var command = app.Database.DataSource.CreateCommand(
            "SELECT id, ST_X(centroid), ST_Y(centroid) FROM building WHERE grid_code LIKE @code || '%' ORDER BY id");
        command.Parameters.AddWithValue("code", gridCode);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var list = new List<Building>();
        while (await reader.ReadAsync(Ct))
        {
            list.Add(new Building(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2)));
        }

        return list;
    }

    /// <summary>The oracle: buildings of the grid whose footprint is within the distance of any of the points.</summary>
    private async Task<List<(double Lon, double Lat)>> PositionsBetweenAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await using var command = app.Database.DataSource.CreateCommand(
            "SELECT lon, lat FROM officer_position WHERE time >= @from AND time < @to");
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var points = new List<(double, double)>();
        while (await reader.ReadAsync(Ct))
        {
            points.Add((reader.GetDouble(0), reader.GetDouble(1)));
        }

        return points;
    }

    private async Task<List<long>> BuildingsNearAsync(string gridCode, (double Lon, double Lat)[] points, double metres)
    {
        await using var command = app.Database.DataSource.CreateCommand(
            """
            SELECT b.id FROM building b
            WHERE b.grid_code LIKE @code || '%'
              AND EXISTS (SELECT 1 FROM unnest(@lons, @lats) AS p(lon, lat)
                          WHERE ST_Distance(b.footprint::geography, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography, false) <= @metres)
            """);
        command.Parameters.AddWithValue("code", gridCode);
        command.Parameters.AddWithValue("lons", points.Select(p => p.Lon).ToArray());
        command.Parameters.AddWithValue("lats", points.Select(p => p.Lat).ToArray());
        command.Parameters.AddWithValue("metres", metres);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<long>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
