using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.Infrastructure;

namespace GridMap.IntegrationTests.Web;

public sealed class ApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_reports_the_database()
    {
        using var client = app.Anonymous();

        var health = await client.GetFromJsonAsync<JsonElement>("/health", Ct);

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("up", health.GetProperty("database").GetProperty("state").GetString());
        Assert.Equal(345, health.GetProperty("database").GetProperty("grids").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/grids")]
    [InlineData("/api/v1/grids/441302010001")]
    [InlineData("/tiles/grids/14/13400/7130.mvt")]
    [InlineData("/fragments/grids/441302010001")]
    public async Task Apis_tiles_and_fragments_need_a_signed_in_user(string path)
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pages_redirect_to_sign_in()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_token_request_names_the_missing_field()
    {
        using var client = app.Anonymous();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "command" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_that_username_only()
    {
        using var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "leader11", password = $"guess-{i}" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // Even the right password is refused while the lockout lasts, with the time to wait.
        var locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "leader11", password = DemoDistrict.Password }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
        var problem = await locked.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Too many failed sign-ins", problem.GetProperty("title").GetString());

        var other = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "leader10", password = DemoDistrict.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_no_token()
    {
        using var client = app.Anonymous();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "command", password = "wrong" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_works_until_it_is_revoked()
    {
        using var client = app.Anonymous();
        var issued = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "command", password = DemoDistrict.Password }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var token = issued.GetProperty("token").GetString();
        Assert.True(issued.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/grids?level=1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/auth/token", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/grids?level=1", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_command_centre_lists_every_first_level_grid_with_counts()
    {
        using var client = await app.SignedInAsync("command");

        var grids = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/grids?level=1", Ct);

        Assert.Equal(11, grids!.Length);
        foreach (var grid in grids)
        {
            Assert.Equal(12, grid.GetProperty("code").GetString()!.Length);
            Assert.Equal(1, grid.GetProperty("level").GetInt32());
            Assert.Equal(JsonValueKind.Null, grid.GetProperty("parentCode").ValueKind);
            var bbox = grid.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(4, bbox.Length);
            Assert.True(bbox[0] < bbox[2] && bbox[1] < bbox[3]);
            Assert.True(grid.GetProperty("buildings").GetInt32() > 0);
            Assert.True(grid.GetProperty("residents").GetInt32() >= grid.GetProperty("migrants").GetInt32());
        }

        var total = grids.Sum(g => g.GetProperty("residents").GetInt32());
        Assert.InRange(total, 160_000, 190_000);
    }

    [Fact]
    public async Task Levels_outside_1_to_3_are_refused_naming_the_parameter()
    {
        using var client = await app.SignedInAsync("command");

        var response = await client.GetAsync("/api/v1/grids?level=5", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("level", problem.GetProperty("errors").GetProperty("level")[0].GetString());
    }

    [Fact]
    public async Task A_malformed_grid_code_is_a_bad_request()
    {
        using var client = await app.SignedInAsync("command");

        var response = await client.GetAsync("/api/v1/grids/12345", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_grid_leader_sees_only_their_own_village()
    {
        using var command = await app.SignedInAsync("command");
        var villages = (await command.GetFromJsonAsync<JsonElement[]>("/api/v1/grids?level=1", Ct))!
            .Select(g => g.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToArray();
        using var leader = await app.SignedInAsync("leader01");

        var visible = (await leader.GetFromJsonAsync<JsonElement[]>("/api/v1/grids", Ct))!;
        var own = await leader.GetAsync($"/api/v1/grids/{villages[0]}", Ct);
        var other = await leader.GetAsync($"/api/v1/grids/{villages[1]}", Ct);

        Assert.NotEmpty(visible);
        Assert.All(visible, g => Assert.StartsWith(villages[0], g.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_grid_comes_with_its_officers()
    {
        using var client = await app.SignedInAsync("command");
        var block = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/grids?level=3", Ct))![0].GetProperty("code").GetString();

        var grid = await client.GetFromJsonAsync<JsonElement>($"/api/v1/grids/{block}", Ct);

        Assert.Equal(3, grid.GetProperty("level").GetInt32());
        Assert.Equal(2, grid.GetProperty("ancestors").GetArrayLength());
        var roles = grid.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("role").GetString()).ToHashSet();
        Assert.Contains("grid_officer", roles);
        Assert.Contains("grid_leader", roles);
        Assert.Contains(grid.GetProperty("officers").EnumerateArray(), o => o.GetProperty("roleName").GetString() == "专职网格员");
    }
}
