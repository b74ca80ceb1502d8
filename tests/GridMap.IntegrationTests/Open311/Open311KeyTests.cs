using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridMap.IntegrationTests.CasesApi;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static GridMap.IntegrationTests.Open311.Open311Client;

namespace GridMap.IntegrationTests.Open311;

/// <summary>Open311 API keys: the admin API and page, hashes only, revocation.</summary>
public sealed partial class Open311KeyTests(CasesApiApp app) : IClassFixture<CasesApiApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_is_stored_as_a_hash_and_listed_without_it()
    {
        var (id, key) = await CreateKeyAsync(app, "hash-test");

        Assert.StartsWith("gm311_", key);
        Assert.True(key.Length >= 48, key);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM open311_api_key WHERE key_prefix = '{key}'", Ct));
        Assert.Equal(key[..12], await app.Database.ScalarAsync<string>($"SELECT key_prefix FROM open311_api_key WHERE id = {id}", Ct));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))),
            await app.Database.ScalarAsync<string>($"SELECT encode(key_hash, 'hex') FROM open311_api_key WHERE id = {id}", Ct));

        using var admin = await app.SignedInAsync("admin");
        var text = await admin.GetStringAsync("/api/v1/open311/keys", Ct);
        Assert.DoesNotContain(key, text);
        var listed = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == id);
        Assert.Equal("active", listed.GetProperty("state").GetString());
        Assert.Equal("hash-test", listed.GetProperty("name").GetString());
        Assert.Equal("12345 热线", listed.GetProperty("owner").GetString());
        Assert.StartsWith("admin", listed.GetProperty("createdBy").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);

        // Use notes the time of last use.
        using var client = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/open311/v2/requests.json?api_key={Uri.EscapeDataString(key)}", Ct)).StatusCode);
        Assert.NotNull(await app.Database.ScalarAsync<DateTime?>($"SELECT last_used_at FROM open311_api_key WHERE id = {id}", Ct));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_revoking_twice_is_a_conflict()
    {
        var (id, key) = await CreateKeyAsync(app, "revoke-test");
        var place = await app.GridWithOfficerAsync(30);
        using var admin = await app.SignedInAsync("admin");
        using var client = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "json", Report(key, "env_dumping", place.Lat, place.Lon, "撤销前"))).StatusCode);

        var revoked = await admin.PostAsync($"/api/v1/open311/keys/{id}/revoke", null, Ct);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var body = await revoked.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("revoked", body.GetProperty("state").GetString());
        Assert.StartsWith("admin", body.GetProperty("revokedBy").GetString());
        Assert.Equal(1, body.GetProperty("requests").GetInt64());

        var cases = await app.Database.ScalarAsync<long>("SELECT count(*) FROM hazard_case", Ct);
        Assert.Contains("api_key", await JsonErrorAsync(
            await PostAsync(client, "json", Report(key, "env_dumping", place.Lat, place.Lon, "撤销后")), HttpStatusCode.Forbidden));
        Assert.Contains("api_key", await XmlErrorAsync(
            await client.GetAsync($"/open311/v2/requests.xml?api_key={Uri.EscapeDataString(key)}", Ct), HttpStatusCode.Forbidden));
        Assert.Equal(cases, await app.Database.ScalarAsync<long>("SELECT count(*) FROM hazard_case", Ct));

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/open311/keys/{id}/revoke", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/open311/keys/999999/revoke", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Only_administrators_manage_keys()
    {
        using var command = await app.SignedInAsync("command");
        using var officer = await app.SignedInAsync("officer01");
        using var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM open311_api_key", Ct);
        var request = new { name = "sneaky", owner = "me" };

        Assert.Equal(HttpStatusCode.Forbidden, (await command.PostAsJsonAsync("/api/v1/open311/keys", request, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/open311/keys", request, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await command.GetAsync("/api/v1/open311/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await command.PostAsync("/api/v1/open311/keys/1/revoke", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/open311/keys", request, Ct)).StatusCode);
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM open311_api_key", Ct));

        var page = await command.GetAsync("/admin/api-keys", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("api-keys-forbidden", await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_bad_key_request_names_the_field()
    {
        using var admin = await app.SignedInAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/open311/keys", new { name = "", owner = new string('x', 201) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("owner", out _));
    }

    [Fact]
    public async Task The_admin_page_creates_a_key_shows_it_once_and_revokes_it()
    {
        using var admin = await app.SignedInAsync("admin");
        var page = await admin.GetStringAsync("/admin/api-keys", Ct);

        var created = await admin.PostAsync("/admin/api-keys", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-api-key",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["Input.Name"] = "page-key",
            ["Input.Owner"] = "市民服务中心",
            ["Input.Contact"] = "ops@example.org",
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync(Ct);
        var key = KeyValue().Match(html).Groups[1].Value;
        Assert.StartsWith("gm311_", key);
        using var client = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/open311/v2/requests.json?api_key={Uri.EscapeDataString(key)}", Ct)).StatusCode);

        var list = await admin.GetStringAsync("/admin/api-keys", Ct);
        Assert.DoesNotContain(key, list);
        Assert.Contains("page-key", list);
        var id = await app.Database.ScalarAsync<long>("SELECT id FROM open311_api_key WHERE name = 'page-key'", Ct);

        var revoked = await admin.PostAsync("/admin/api-keys", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "revoke-api-key",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(list).Groups[1].Value,
            ["RevokeKeyId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains("api-key-message", await revoked.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/open311/v2/requests.json?api_key={Uri.EscapeDataString(key)}", Ct)).StatusCode);
    }

    [Fact]
    public async Task With_own_visibility_a_key_reads_only_its_own_reports()
    {
        var (_, mine) = await CreateKeyAsync(app, "own-a");
        var (_, theirs) = await CreateKeyAsync(app, "own-b");
        using var client = app.Factory.CreateClient();
        var place = await app.GridWithOfficerAsync(31);
        var other = await app.GridWithOfficerAsync(32);
        var own = await JsonAsync(await PostAsync(client, "json", Report(mine, "env_street_business", place.Lat, place.Lon, "占道经营")), HttpStatusCode.OK);
        var foreign = await JsonAsync(await PostAsync(client, "json", Report(theirs, "env_street_business", other.Lat, other.Lon, "占道经营")), HttpStatusCode.OK);
        var ownNumber = own[0].GetProperty("service_request_id").GetString()!;
        var foreignNumber = foreign[0].GetProperty("service_request_id").GetString()!;

        await using var restricted = app.Factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<GridMap.Web.Open311.Open311Options>(o => o.RequestVisibility = GridMap.Web.Open311.Open311RequestVisibility.Own)));
        using var ownClient = restricted.CreateClient();
        var key = Uri.EscapeDataString(mine);

        var list = await JsonAsync(await ownClient.GetAsync($"/open311/v2/requests.json?api_key={key}", Ct), HttpStatusCode.OK);
        Assert.Equal([ownNumber], list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()));
        await JsonErrorAsync(await ownClient.GetAsync($"/open311/v2/requests/{foreignNumber}.json?api_key={key}", Ct), HttpStatusCode.NotFound);

        // The default (All) shows both.
        var all = await JsonAsync(await client.GetAsync($"/open311/v2/requests.json?api_key={key}&service_code=env_street_business", Ct), HttpStatusCode.OK);
        Assert.Contains(foreignNumber, all.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()));
    }

    [GeneratedRegex("__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"api-key-value\">([^<]+)<")]
    private static partial Regex KeyValue();
}
