using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GridMap.IntegrationTests.Mobile;

/// <summary>The mobile pages as the server renders them: who may use them, tasks, actions, the report form.</summary>
[Collection(MobileCollection.Name)]
public sealed class MobilePagesTests(MobileApiApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_users_are_sent_to_sign_in_and_back()
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/m", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Fm", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Users_who_are_not_officers_get_a_clear_message()
    {
        using var command = await app.CookieSignedInAsync("command");

        var page = await command.GetStringAsync("/m", Ct);

        Assert.Contains("data-testid=\"mobile-not-officer\"", page);
        Assert.Contains("此页面供网格员使用", page);
        Assert.DoesNotContain("data-testid=\"mobile-tasks\"", page);
    }

    [Fact]
    public async Task The_task_list_fragment_is_the_officers_list_and_refused_to_others()
    {
        using var command = await app.SignedInAsync("command");
        var officerId = await app.Database.ScalarAsync<long>("SELECT officer_id FROM app_user WHERE username = 'officer04'", Ct);
        var root = await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'officer04' ORDER BY 1 LIMIT 1", Ct);
        var place = await app.PlaceAsync(0, inside: root);
        var created = await command.PostAsJsonAsync("/api/v1/cases",
            new { place.Lat, place.Lon, category = "fire_wiring", description = "出租屋私拉电线", confirmNotDuplicate = true }, Ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetInt64();
        if (body.GetProperty("assignee").ValueKind == JsonValueKind.Null || body.GetProperty("assignee").GetProperty("officerId").GetInt64() != officerId)
        {
            var move = await command.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { action = "reassign", note = "就近处置", assigneeOfficerId = officerId }, Ct);
            Assert.True(move.IsSuccessStatusCode, await move.Content.ReadAsStringAsync(Ct));
        }

        using var officer = await app.CookieSignedInAsync("officer04");
        var page = await officer.GetStringAsync("/m", Ct);
        Assert.Contains("data-refresh-url=\"/m/fragments/tasks\"", page);
        var response = await officer.GetAsync("/m/fragments/tasks", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var fragment = await response.Content.ReadAsStringAsync(Ct);
        // The list alone (the page's script swaps it in), with the same task as the page.
        Assert.DoesNotContain("<html", fragment);
        Assert.Contains($"data-case=\"{id}\" data-state=\"dispatched\"", fragment);
        Assert.Contains("剩余", fragment);

        // The phone's time left is the console's text for the same case: on the limit's own
        // clock and saying which, never working hours turned into calendar days.
        var task = Regex.Match(fragment, $"data-case=\"{id}\".*?</a>", RegexOptions.Singleline).Value;
        var onPhone = Regex.Match(task, "data-testid=\"task-remaining\">([^<]+)<").Groups[1].Value;
        var onConsole = Regex.Match(await command.GetStringAsync($"/fragments/cases/{id}", Ct), "class=\"gm-case-remaining\">([^<]+)<").Groups[1].Value;
        Assert.Matches("^剩余 (\\d+ 小时 \\d+ 分|\\d+ 分钟)（(工作时间|连续计时)）$", onPhone);
        Assert.Equal(onConsole, onPhone);

        using var notOfficer = await app.CookieSignedInAsync("command");
        var refused = await notOfficer.GetAsync("/m/fragments/tasks", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("此页面供网格员使用", await refused.Content.ReadAsStringAsync(Ct));

        using var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var signIn = await anonymous.GetAsync("/m/fragments/tasks", Ct);
        Assert.True(signIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"anonymous: {signIn.StatusCode}");
    }

    [Fact]
    public async Task An_officer_sees_the_task_assigned_to_them_and_the_buttons_legal_now()
    {
        using var command = await app.SignedInAsync("command");
        var officerId = await app.Database.ScalarAsync<long>("SELECT officer_id FROM app_user WHERE username = 'officer03'", Ct);
        var root = await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'officer03' ORDER BY 1 LIMIT 1", Ct);
        var place = await app.PlaceAsync(0, inside: root);
        var created = await command.PostAsJsonAsync("/api/v1/cases",
            new { place.Lat, place.Lon, category = "fire_escape_blocked", description = "楼梯间堆放杂物", confirmNotDuplicate = true }, Ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetInt64();
        if (body.GetProperty("assignee").ValueKind == JsonValueKind.Null || body.GetProperty("assignee").GetProperty("officerId").GetInt64() != officerId)
        {
            var move = await command.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { action = "reassign", note = "就近处置", assigneeOfficerId = officerId }, Ct);
            Assert.True(move.IsSuccessStatusCode, await move.Content.ReadAsStringAsync(Ct));
        }

        // The console's officer panel lists it as the officer's current case.
        var number = body.GetProperty("number").GetString()!;
        var panel = await command.GetStringAsync($"/fragments/officers/{officerId}", Ct);
        Assert.Contains(number, panel);
        Assert.Contains("已派遣", panel);

        using var officer = await app.CookieSignedInAsync("officer03");
        var tasks = await officer.GetStringAsync("/m", Ct);
        Assert.Contains($"data-case=\"{id}\" data-state=\"dispatched\"", tasks);
        Assert.Contains("疏散通道堵塞或防盗网封窗", tasks);
        Assert.Contains("剩余", tasks);

        var detail = await officer.GetStringAsync($"/m/cases/{id}", Ct);
        Assert.Contains("data-testid=\"action-accept\"", detail);
        Assert.DoesNotContain("data-testid=\"action-handle\"", detail);
        Assert.Contains("楼梯间堆放杂物", detail);

        // Only the assignee accepts: another user gets no buttons.
        using var other = await app.CookieSignedInAsync("leader01");
        var notMine = await other.GetStringAsync($"/m/cases/{id}", Ct);
        Assert.DoesNotContain("data-testid=\"action-accept\"", notMine);
    }

    [Fact]
    public async Task The_report_form_offers_the_current_categories_grouped()
    {
        using var officer = await app.CookieSignedInAsync("officer04");

        var page = await officer.GetStringAsync("/m/report", Ct);

        Assert.Contains("<optgroup label=\"消防安全\">", page);
        Assert.Contains("value=\"env_manhole_missing\"", page);
        Assert.Contains("capture=\"environment\"", page);
        Assert.Contains("name=\"__RequestVerificationToken\"", page);
    }
}
