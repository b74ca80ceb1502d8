using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;

namespace GridMap.IntegrationTests.CasesApi;

/// <summary>The case API over the demo district: intake, dispatch, scope, transitions.</summary>
public sealed class CaseApiTests(CasesApiApp app) : IClassFixture<CasesApiApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ReportAsync(HttpClient client, object body, HttpStatusCode expected, string url = "/api/v1/cases")
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> MoveAsync(HttpClient client, long id, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task A_report_is_dispatched_to_the_on_shift_officer_of_the_containing_grid()
    {
        var place = await app.GridWithOfficerAsync(0);
        using var client = await app.SignedInAsync("command");

        var created = await ReportAsync(client, new { lat = place.Lat, lon = place.Lon, category = "fire_ebike_indoor", description = "楼道内电动车充电" }, HttpStatusCode.Created);

        Assert.Equal(place.Grid, created.GetProperty("gridCode").GetString());
        Assert.Equal("dispatched", created.GetProperty("state").GetString());
        Assert.Equal(place.OfficerId, created.GetProperty("assignee").GetProperty("officerId").GetInt64());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("assignee").GetProperty("name").GetString()));
        Assert.NotEqual(JsonValueKind.Null, created.GetProperty("deadline").ValueKind);
        Assert.StartsWith(place.Grid[..9] + "-20261124-", created.GetProperty("number").GetString());
        Assert.Contains("fire", created.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{created.GetProperty("id").GetInt64()}", Ct);
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["report", "verify", "dispatch"], timeline.Select(e => e.GetProperty("action").GetString()));
        var dispatch = timeline[2];
        Assert.Equal("system:dispatch", dispatch.GetProperty("actor").GetString());
        Assert.Equal("rule: on-shift grid officer", dispatch.GetProperty("rule").GetString());
        Assert.Equal(place.OfficerId, dispatch.GetProperty("assigneeOfficerId").GetInt64());
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field()
    {
        var place = await app.GridWithOfficerAsync(1);
        using var client = await app.SignedInAsync("command");

        // The console's language (Chinese unless the user chose English) also for API messages.
        var outside = await ReportAsync(client, new { lat = 39.9, lon = 116.4, category = "env_dumping", description = "x" }, HttpStatusCode.BadRequest);
        Assert.Contains("不在任何网格内", outside.GetProperty("errors").GetProperty("location")[0].GetString());
        var outsideEn = await ReportAsync(client, new { lat = 39.9, lon = 116.4, category = "env_dumping", description = "x" }, HttpStatusCode.BadRequest, "/api/v1/cases?culture=en");
        Assert.Contains("outside the district", outsideEn.GetProperty("errors").GetProperty("location")[0].GetString());

        var noLocation = await ReportAsync(client, new { category = "env_dumping", description = "x" }, HttpStatusCode.BadRequest);
        Assert.True(noLocation.GetProperty("errors").TryGetProperty("lat", out _));

        var outOfRange = await ReportAsync(client, new { lat = 95.0, lon = place.Lon, category = "env_dumping", description = "x" }, HttpStatusCode.BadRequest);
        Assert.True(outOfRange.GetProperty("errors").TryGetProperty("lat", out _));

        var unknown = await ReportAsync(client, new { lat = place.Lat, lon = place.Lon, category = "no_such_hazard", description = "x" }, HttpStatusCode.BadRequest);
        Assert.Contains("no_such_hazard", unknown.GetProperty("errors").GetProperty("category")[0].GetString());

        // Nothing was filed by any of them.
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM hazard_case WHERE subcategory_code IN ('env_dumping', 'no_such_hazard')", Ct));
    }

    [Fact]
    public async Task An_empty_report_names_every_field_at_once_in_the_callers_language()
    {
        using var client = await app.SignedInAsync("command");

        var zh = (await ReportAsync(client, new { description = "  " }, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["category", "description", "lat", "lon"], zh.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("请填写事件类型", zh.GetProperty("category")[0].GetString());
        Assert.Equal("请填写情况描述", zh.GetProperty("description")[0].GetString());

        var en = (await ReportAsync(client, new { lat = 95.0, description = new string('长', 2001) }, HttpStatusCode.BadRequest, "/api/v1/cases?culture=en")).GetProperty("errors");
        Assert.Equal(["category", "description", "lat", "lon"], en.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("category is required", en.GetProperty("category")[0].GetString());
        Assert.Equal("lat must be between -90 and 90 (got 95)", en.GetProperty("lat")[0].GetString());
        Assert.Equal("description has 2001 characters; at most 2000", en.GetProperty("description")[0].GetString());

        // A transition's fields by the same rules, all at once.
        var (status, body) = await MoveAsync(client, 1, new { note = new string('x', 2001), lat = 23.1 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var transition = body.GetProperty("errors");
        Assert.Equal(["action", "lon", "note"], transition.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_second_report_nearby_is_offered_as_a_duplicate()
    {
        var place = await app.GridWithOfficerAsync(2);
        using var client = await app.SignedInAsync("command");
        var first = await ReportAsync(client, new { lat = place.Lat, lon = place.Lon, category = "env_manhole_loose", description = "井盖松动" }, HttpStatusCode.Created);

        var second = await ReportAsync(client, new { lat = place.Lat + 0.0001, lon = place.Lon, category = "env_manhole_loose", description = "井盖响" }, HttpStatusCode.Conflict);
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("duplicateOf").GetInt64());

        await ReportAsync(client, new { lat = place.Lat + 0.0001, lon = place.Lon, category = "env_manhole_loose", description = "另一个井盖", confirmNotDuplicate = true }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_case_goes_through_to_closed_with_its_timeline_and_illegal_moves_are_refused()
    {
        // A grid officer01 may see, so the demo account can act as the assignee.
        var officerRoot = await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'officer01' ORDER BY 1 LIMIT 1", Ct);
        Assert.NotNull(officerRoot);
        var place = await app.GridWithOfficerAsync(0, inside: officerRoot);
        using var command = await app.SignedInAsync("command");
        var created = await ReportAsync(command, new { lat = place.Lat, lon = place.Lon, category = "fire_wiring", description = "私拉电线" }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();

        // Illegal in "dispatched": named by state and action.
        var (illegal, problem) = await MoveAsync(command, id, new { action = "close", note = "too early" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, illegal);
        Assert.Equal("dispatched", problem.GetProperty("state").GetString());
        Assert.Equal("close", problem.GetProperty("action").GetString());

        // A stale version is a conflict.
        var (stale, _) = await MoveAsync(command, id, new { action = "park", note = "x", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale);

        // Hand it to officer01 (whoever the rule chose) so that the demo account acts as the assignee.
        var officer01 = await app.Database.ScalarAsync<long>("SELECT officer_id FROM app_user WHERE username = 'officer01'", Ct);
        var reassigned = officer01 != place.OfficerId;
        if (reassigned)
        {
            var (status, body) = await MoveAsync(command, id, new { action = "reassign", note = "熟悉该楼栋", assigneeOfficerId = officer01 });
            Assert.True(status == HttpStatusCode.OK, body.ToString());
        }

        // Not the assignee: forbidden, not illegal.
        var (notMine, _) = await MoveAsync(command, id, new { action = "accept" });
        Assert.Equal(HttpStatusCode.Forbidden, notMine);

        using var officer = await app.SignedInAsync("officer01");
        var (accepted, acceptedBody) = await MoveAsync(officer, id, new { action = "accept" });
        Assert.True(accepted == HttpStatusCode.OK, acceptedBody.ToString());
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(officer, id, new { action = "start" })).Status);

        var actor = CaseActor.User(1, UserRole.GridOfficer, officer01, "officer01");
        var (photo, error) = await app.Service<CaseRepository>().AddPhotoAsync(GridScope.Everything, id, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], actor, Ct);
        Assert.True(photo is not null, error);
        var (handled, handledBody) = await MoveAsync(officer, id, new { action = "handle", note = "已拆除", photoIds = new[] { photo } });
        Assert.True(handled == HttpStatusCode.OK, handledBody.ToString());

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(command, id, new { action = "check_pass", note = "现场核查通过" })).Status);
        var (closed, closedBody) = await MoveAsync(command, id, new { action = "close", note = "结案" });
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("closed", closedBody.GetProperty("state").GetString());

        var detail = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct);
        Assert.Equal(
            reassigned
                ? ["report", "verify", "dispatch", "reassign", "accept", "start", "handle", "check_pass", "close"]
                : ["report", "verify", "dispatch", "accept", "start", "handle", "check_pass", "close"],
            detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("closed", detail.GetProperty("state").GetString());

        var (reclosed, reclosedBody) = await MoveAsync(command, id, new { action = "close" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reclosed);
        Assert.Equal("closed", reclosedBody.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_grid_leader_of_another_village_does_not_find_the_case()
    {
        var leaderRoot = await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'leader01' ORDER BY 1 LIMIT 1", Ct);
        Assert.NotNull(leaderRoot);
        var village = leaderRoot[..12];
        var elsewhere = await app.GridWithOfficerAsync(0, outsideOf: village);
        using var command = await app.SignedInAsync("command");
        var created = await ReportAsync(command, new { lat = elsewhere.Lat, lon = elsewhere.Lon, category = "biz_clinic", description = "黑诊所" }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();

        using var leader = await app.SignedInAsync("leader01");
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/cases/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MoveAsync(leader, id, new { action = "accept" })).Status);
        var list = await leader.GetFromJsonAsync<JsonElement>("/api/v1/cases", Ct);
        Assert.DoesNotContain(list.EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);

        var all = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases?grid={elsewhere.Grid}", Ct);
        Assert.Contains(all.EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task A_report_on_a_shared_boundary_goes_to_one_grid_and_flags_the_neighbour()
    {
        // A point on the edge two third-level grids share.
        await using var query = app.Database.DataSource.CreateCommand(
            """
            SELECT a.code, b.code, ST_Y(p), ST_X(p)
            FROM grid a
            JOIN grid b ON b.level = 3 AND b.valid_to IS NULL AND b.code > a.code AND ST_Intersects(a.boundary, b.boundary)
            CROSS JOIN LATERAL (SELECT ST_ClosestPoint(ST_Boundary(b.boundary), ST_PointOnSurface(a.boundary)) AS p) edge
            WHERE a.level = 3 AND a.valid_to IS NULL
              AND ST_Length(ST_Intersection(ST_Boundary(a.boundary), ST_Boundary(b.boundary))::geography) > 50
              AND ST_DWithin(p::geography, a.boundary::geography, 0.5)
            ORDER BY a.code, b.code
            LIMIT 1
            """);
        await using var reader = await query.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var (gridA, gridB, lat, lon) = (reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3));
        await reader.DisposeAsync();
        using var client = await app.SignedInAsync("command");

        var created = await ReportAsync(client, new { lat, lon, category = "env_street_business", description = "占道经营" }, HttpStatusCode.Created);

        var grid = created.GetProperty("gridCode").GetString();
        Assert.Contains(grid, new[] { gridA, gridB });
        var flagged = created.GetProperty("flaggedGrids").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains(grid == gridA ? gridB : gridA, flagged);
        Assert.DoesNotContain(grid, flagged);
    }
}
