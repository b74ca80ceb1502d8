using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GridMap.IntegrationTests.Patrol.PatrolTestKit;

namespace GridMap.IntegrationTests.Patrol;

/// <summary>Registering, rotating and revoking devices through the admin API and the admin page.</summary>
public sealed class DeviceAdministrationTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<long> GridOfficerAsync(int index) => (await DemoDevicesAsync(app.Database))[index].OfficerId;

    private static async Task<string> RegisterAsync(HttpClient admin, string deviceId, long officerId, HttpStatusCode expected)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/devices", new { deviceId, officerId }, Ct);
        Assert.Equal(expected, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(deviceId, body.GetProperty("deviceId").GetString());
        Assert.Equal(officerId, body.GetProperty("officerId").GetInt64());
        return body.GetProperty("token").GetString()!;
    }

    private Task<HttpResponseMessage> ReportAsync(string token, string deviceId) =>
        app.DeviceClient(token).PostBatchAsync(new { deviceId, time = Now().AddSeconds(-Random.Shared.Next(1, 600)), lat = 23.1, lon = 114.4 });

    [Fact]
    public async Task An_admin_registers_a_device_whose_token_then_reports()
    {
        using var admin = await app.SignedInAsync("admin");
        var officerId = await GridOfficerAsync(0);
        var deviceId = "8f14e45f-ceea-467f-a1f3-1b0a6d5c3e11-" + new string('9', 27); // 64 characters

        var token = await RegisterAsync(admin, deviceId, officerId, HttpStatusCode.Created);

        Assert.Equal(64, deviceId.Length);
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(token, deviceId)).StatusCode);
        Assert.Equal(1, await CountPositionsAsync(app.Database, deviceId));
        // Only the hash is stored.
        Assert.True(await app.Database.ScalarAsync<bool>(
            $"SELECT token_hash = sha256(convert_to('{token}', 'UTF8')) FROM device WHERE device_id = '{deviceId}'", Ct));
        var listed = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/devices", Ct);
        var row = Assert.Single(listed!, d => d.GetProperty("deviceId").GetString() == deviceId);
        Assert.Equal("active", row.GetProperty("state").GetString());
        Assert.False(row.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Registering_again_rotates_the_token()
    {
        using var admin = await app.SignedInAsync("admin");
        var officerId = await GridOfficerAsync(1);

        var first = await RegisterAsync(admin, "rotating-phone", officerId, HttpStatusCode.Created);
        var second = await RegisterAsync(admin, "rotating-phone", officerId, HttpStatusCode.OK);

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportAsync(first, "rotating-phone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(second, "rotating-phone")).StatusCode);
    }

    [Fact]
    public async Task Rotating_a_demo_device_retires_its_derived_token()
    {
        using var admin = await app.SignedInAsync("admin");
        var device = (await DemoDevicesAsync(app.Database))[2];

        var fresh = await RegisterAsync(admin, device.DeviceId, device.OfficerId, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportAsync(device.Token, device.DeviceId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(fresh, device.DeviceId)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_device_can_report_by_neither_protocol()
    {
        using var admin = await app.SignedInAsync("admin");
        var officerId = await GridOfficerAsync(3);
        var token = await RegisterAsync(admin, "lost-phone", officerId, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(token, "lost-phone")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/devices/lost-phone", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportAsync(token, "lost-phone")).StatusCode);
        using var anonymous = app.Anonymous();
        var osmand = await anonymous.GetAsync($"/osmand?id=lost-phone&lat=23.1&lon=114.4&timestamp={Now().ToUnixTimeSeconds()}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, osmand.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/devices/lost-phone", Ct)).StatusCode);
        var listed = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/devices", Ct);
        Assert.Equal("revoked", listed!.Single(d => d.GetProperty("deviceId").GetString() == "lost-phone").GetProperty("state").GetString());
        Assert.Equal(1, await CountPositionsAsync(app.Database, "lost-phone"));
    }

    [Fact]
    public async Task Only_admins_manage_devices()
    {
        using var command = await app.SignedInAsync("command");
        using var leader = await app.SignedInAsync("leader01");
        using var anonymous = app.Anonymous();
        var request = new { deviceId = "sneaky", officerId = await GridOfficerAsync(4) };

        Assert.Equal(HttpStatusCode.Forbidden, (await command.PostAsJsonAsync("/api/v1/devices", request, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/v1/devices", request, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await command.GetAsync("/api/v1/devices", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await command.DeleteAsync("/api/v1/devices/gm-00001", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/devices", request, Ct)).StatusCode);
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM device WHERE device_id = 'sneaky'", Ct));
    }

    [Theory]
    [InlineData("has space", 1L, "deviceId")]
    [InlineData("", 1L, "deviceId")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1L, "deviceId")]
    [InlineData("ok-id", null, "officerId")]
    [InlineData("ok-id", 99_999_999L, "officerId")]
    public async Task A_bad_registration_names_the_field(string deviceId, long? officerId, string field)
    {
        using var admin = await app.SignedInAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/devices", new { deviceId, officerId }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_device_registered_for_an_officer_shows_them_live()
    {
        using var admin = await app.SignedInAsync("admin");
        var officerId = await GridOfficerAsync(5);
        var token = await RegisterAsync(admin, "second-phone", officerId, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await app.DeviceClient(token).PostBatchAsync(new { time = Now(), lat = 23.2, lon = 114.5 })).StatusCode);

        var live = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/officers/live", Ct);

        var officer = Assert.Single(live!, o => o.GetProperty("officerId").GetInt64() == officerId);
        Assert.Equal("second-phone", officer.GetProperty("deviceId").GetString());
        Assert.Equal(23.2, officer.GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task The_admin_page_is_interactive_and_its_scripts_are_served()
    {
        // The page itself is exercised in bUnit (GridMap.ComponentTests) and in Chromium
        // (AdminDevicesTests); here: the prerender, and the static web assets it needs, served by
        // the app as it runs in Production from its build output.
        using var admin = await app.SignedInAsync("admin");

        var page = await admin.GetStringAsync("/admin/devices", Ct);

        Assert.Contains("_framework/blazor.web.js", page);
        Assert.Contains("data-testid=\"devices-help\"", page);
        Assert.Contains("http://localhost:5055", page);
        foreach (var asset in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.css", "/_content/MudBlazor/MudBlazor.min.js", "/Components/Layout/ReconnectModal.razor.js" })
        {
            var response = await admin.GetAsync(asset, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Static_pages_load_neither_blazor_nor_mudblazor()
    {
        using var admin = await app.SignedInAsync("admin");

        var page = await admin.GetStringAsync("/admin/taxonomy", Ct);

        Assert.DoesNotContain("blazor.web.js", page);
        Assert.DoesNotContain("MudBlazor", page);
        Assert.Contains("htmx.min.js", page);
    }

    [Fact]
    public async Task The_admin_page_is_forbidden_to_others()
    {
        using var command = await app.SignedInAsync("command");

        var response = await command.GetAsync("/admin/devices", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("gm-00001", await response.Content.ReadAsStringAsync(Ct));
    }
}
