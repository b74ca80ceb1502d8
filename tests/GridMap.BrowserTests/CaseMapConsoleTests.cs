using System.Globalization;
using System.Text.Json;
using System.Net.Http.Json;
using GridMap.BrowserTests.Infrastructure;
using GridMap.Web.Cases;
using GridMap.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>
/// Cases on the console map, in Chromium: a grid leader reports a hazard by clicking the map, sees
/// it selected, on the case layer and in the live feed; a second report at the same place is
/// offered as a duplicate; another console whose scope includes the grid receives the case live,
/// one whose scope does not, does not. The case panel itself (/fragments/cases/{id}) is built on
/// another branch: these tests check the selection, the URL and the request, not its content.
/// Each test reports in its own third-level grid.
/// </summary>
public sealed class CaseMapConsoleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Place(string Grid, double Lon, double Lat);

    /// <summary>An interior point of a third-level grid within the user's scope, away from buildings.</summary>
    private async Task<Place> PlaceAsync(string username, int skip)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            """
            SELECT g.code, ST_X(p), ST_Y(p)
            FROM grid g
            CROSS JOIN LATERAL (SELECT ST_PointOnSurface(g.boundary) AS p) s
            WHERE g.level = 3 AND g.valid_to IS NULL
              AND EXISTS (SELECT 1 FROM user_grid_scope u JOIN app_user a ON a.id = u.user_id
                          WHERE a.username = @user AND g.code LIKE u.grid_code || '%')
              AND NOT EXISTS (SELECT 1 FROM building b WHERE ST_DWithin(b.footprint::geography, s.p::geography, 15))
            ORDER BY g.code OFFSET @skip LIMIT 1
            """);
        command.Parameters.AddWithValue("user", username);
        command.Parameters.AddWithValue("skip", skip);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no third-level grid of {username} with open ground");
        return new Place(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2));
    }

    private async Task<IPage> OpenMapAsync(string username, Place at)
    {
        var page = await fixture.SignInAsync(username);
        await page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"{fixture.BaseUrl}/?z=17&lat={at.Lat}&lon={at.Lon}"));
        await page.WaitForFunctionAsync("() => window.gridmap && window.gridmapCases && window.gridmapLive", null, new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => window.gridmap.ready.then(() => window.gridmapCases.ready).then(() => true)");
        await page.WaitForFunctionAsync("() => window.gridmapLive.status() === 'live'", null, new() { Timeout = 20_000 });
        return page;
    }

    /// <summary>Clicks the map at a place (the canvas point MapLibre projects it to).</summary>
    private static async Task ClickMapAtAsync(IPage page, Place at)
    {
        var xy = await page.EvaluateAsync<double[]>("p => { const q = window.gridmap.map.project(p); return [q.x, q.y]; }", new[] { at.Lon, at.Lat });
        var box = (await page.Locator("#map canvas").First.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + xy[0]), (float)(box.Y + xy[1]));
    }

    private static async Task FillReportAsync(IPage page, Place at, string category, string description)
    {
        await page.ClickAsync("[data-testid='case-report-toggle']");
        await Assertions.Expect(page.Locator("#case-report-hint")).ToBeVisibleAsync();
        await ClickMapAtAsync(page, at);
        var form = page.Locator("[data-testid='case-report-form']");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await form.Locator("select[name=category]").SelectOptionAsync(category);
        await form.Locator("textarea[name=description]").FillAsync(description);
    }

    private static async Task<long> SelectedCaseAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => (window.gridmap.selection || '').startsWith('case:')", null, new() { Timeout = 15_000 });
        var selection = await page.EvaluateAsync<string>("() => window.gridmap.selection");
        return long.Parse(selection["case:".Length..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_leader_reports_a_hazard_on_the_map_and_a_second_report_there_is_offered_as_a_duplicate()
    {
        var at = await PlaceAsync("leader01", 0);
        var page = await OpenMapAsync("leader01", at);
        await page.ScreenshotAsync(new() { Path = Screenshot("cases-before-report.png") });

        // Validation comes back next to the field: no category chosen.
        await page.ClickAsync("[data-testid='case-report-toggle']");
        await ClickMapAtAsync(page, at);
        await page.Locator("textarea[name=description]").FillAsync("路边堆放建筑垃圾");
        await page.ClickAsync("[data-testid='case-report-submit']");
        await Assertions.Expect(page.Locator("[data-error-for='category']")).Not.ToBeEmptyAsync(new() { Timeout = 10_000 });
        await page.Locator("[data-testid='case-report-form'] [data-case-report-cancel]").First.ClickAsync();

        await FillReportAsync(page, at, "env_dumping", "路边堆放建筑垃圾，约两立方");
        var panelRequest = page.WaitForRequestAsync(r => r.Url.Contains("/fragments/cases/"), new() { Timeout = 15_000 });
        await page.ClickAsync("[data-testid='case-report-submit']");

        var id = await SelectedCaseAsync(page);
        Assert.EndsWith($"/fragments/cases/{id}", (await panelRequest).Url);
        Assert.Contains($"sel=case:{id}", page.Url);
        await Assertions.Expect(page.Locator("[data-testid='case-report-form']")).ToBeHiddenAsync();

        // On the layer, drawn as its own symbol at z17, and at the top of the feed with its sub-category.
        await page.WaitForFunctionAsync("id => window.gridmapCases.rendered().includes(id)", id, new() { Timeout = 15_000 });
        var first = page.Locator("[data-testid='case-feed-item']").First;
        await Assertions.Expect(first).ToContainTextAsync("乱倒垃圾、建筑垃圾");
        await Assertions.Expect(first.Locator("button")).ToHaveAttributeAsync("data-case-id", id.ToString(CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new() { Path = Screenshot("cases-reported.png") });

        // The same hazard again at the same place: offered as a duplicate, not filed.
        await FillReportAsync(page, at, "env_dumping", "又看到有人倒垃圾");
        await page.ClickAsync("[data-testid='case-report-submit']");
        var duplicates = page.Locator("[data-testid='case-duplicates']");
        await Assertions.Expect(duplicates).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(duplicates).ToContainTextAsync("打开已有事件");
        Assert.Equal(409, await page.EvaluateAsync<int>("() => window.gridmapCases.lastReportStatus()"));
        await page.ScreenshotAsync(new() { Path = Screenshot("cases-duplicate.png") });

        // "Open the existing case" selects the first one; nothing new was filed.
        await page.ClickAsync("[data-testid='case-duplicate-open']");
        await page.WaitForFunctionAsync("id => window.gridmap.selection === 'case:' + id", id, new() { Timeout = 10_000 });
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hazard_case WHERE grid_code = '{at.Grid}' AND subcategory_code = 'env_dumping'", Ct));

        // "File anyway" files a second case, which is then selected.
        await FillReportAsync(page, at, "env_dumping", "另一处垃圾，确认不是同一件");
        await page.ClickAsync("[data-testid='case-report-submit']");
        await Assertions.Expect(duplicates).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ClickAsync("[data-testid='case-duplicate-file-anyway']");
        await page.WaitForFunctionAsync("id => (window.gridmap.selection || '').startsWith('case:') && window.gridmap.selection !== 'case:' + id", id, new() { Timeout = 15_000 });
        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hazard_case WHERE grid_code = '{at.Grid}' AND subcategory_code = 'env_dumping'", Ct));
    }

    [Fact]
    public async Task A_new_case_reaches_the_consoles_whose_scope_includes_its_grid_live()
    {
        var at = await PlaceAsync("leader01", 3);
        var watcher = await OpenMapAsync("leader01", at);
        var other = await PlaceAsync("leader02", 0);
        var outsider = await OpenMapAsync("leader02", other);
        var reporter = await OpenMapAsync("command", at);
        var unreadBefore = await watcher.EvaluateAsync<int>("() => window.gridmapCases.unread()");

        await FillReportAsync(reporter, at, "fire_ebike_indoor", "楼道内有电动车充电");
        await reporter.ClickAsync("[data-testid='case-report-submit']");
        var id = await SelectedCaseAsync(reporter);

        // The leader of the grid's village gets it over the hub: on the layer and in the feed, unread.
        await watcher.WaitForFunctionAsync(
            "id => window.gridmapCases.cases().some(c => c.id === id) && window.gridmapCases.feed().some(f => f.id === id && f.unread)",
            id, new() { Timeout = 15_000 });
        Assert.Equal(unreadBefore + 1, await watcher.EvaluateAsync<int>("() => window.gridmapCases.unread()"));
        var item = watcher.Locator($"[data-testid='case-feed-item']:has(button[data-case-id='{id}'])");
        await Assertions.Expect(item).ToContainTextAsync("电动自行车违规停放充电");
        await Assertions.Expect(item).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("gm-case-feed-unread"));
        await Assertions.Expect(watcher.Locator("[data-testid='case-feed-unread']")).ToHaveTextAsync((unreadBefore + 1).ToString(CultureInfo.InvariantCulture));
        await watcher.WaitForFunctionAsync("id => window.gridmapCases.rendered().includes(id)", id, new() { Timeout = 15_000 });
        await watcher.ScreenshotAsync(new() { Path = Screenshot("cases-live-feed.png") });

        // A click in the feed selects the case and reads it.
        await item.Locator("button").ClickAsync();
        await watcher.WaitForFunctionAsync("id => window.gridmap.selection === 'case:' + id", id, new() { Timeout = 10_000 });
        Assert.Equal(unreadBefore, await watcher.EvaluateAsync<int>("() => window.gridmapCases.unread()"));

        // Another village's leader never hears of it.
        await outsider.WaitForTimeoutAsync(2000);
        Assert.False(await outsider.EvaluateAsync<bool>(
            "id => window.gridmapCases.cases().some(c => c.id === id) || window.gridmapCases.feed().some(f => f.id === id)", id));
        await Assertions.Expect(outsider.Locator($"button[data-case-id='{id}']")).ToHaveCountAsync(0);
        await outsider.ScreenshotAsync(new() { Path = Screenshot("cases-live-outsider.png") });
    }

    [Fact]
    public async Task An_overdue_escalated_case_is_marked_on_the_layer_and_in_the_feed()
    {
        var at = await PlaceAsync("leader03", 0);
        var page = await OpenMapAsync("command", at);
        using var api = await fixture.ApiClientAsync("command", Ct);
        var created = await (await api.PostAsJsonAsync("/api/v1/cases", new { lat = at.Lat, lon = at.Lon, category = "env_manhole_missing", description = "井盖缺失" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetInt64();
        await page.WaitForFunctionAsync("id => window.gridmapCases.rendered().includes(id)", id, new() { Timeout = 15_000 });

        // The deadline watcher's news, as it publishes it: overdue and escalated to level 2.
        fixture.App.Services.GetRequiredService<CaseFeed>().Publish(new LiveCaseMessage(
            id, created.GetProperty("number").GetString()!, "dispatched", created.GetProperty("gridCode").GetString()!, at.Lat, at.Lon,
            Overdue: true, EscalationLevel: 2, Subcategory: "env_manhole_missing", SubcategoryName: "井盖缺失", SubcategoryNameEn: "Missing manhole cover",
            Severity: "critical", Deadline: DateTimeOffset.UtcNow.AddHours(-3), Time: DateTimeOffset.UtcNow.AddSeconds(5)));

        var item = page.Locator($"[data-testid='case-feed-item']:has(button[data-case-id='{id}'])");
        await Assertions.Expect(item).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("gm-case-feed-overdue"), new() { Timeout = 15_000 });
        await Assertions.Expect(item).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("gm-case-feed-escalated"));
        await Assertions.Expect(item).ToContainTextAsync("超时");
        await Assertions.Expect(item).ToContainTextAsync("升级 2 级");
        await page.WaitForFunctionAsync(
            """
            id => ['cases-overdue', 'cases-escalation'].every(layer =>
              window.gridmap.map.queryRenderedFeatures({ layers: [layer] }).some(f => f.properties.id === id))
            """, id, new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Screenshot("cases-overdue-escalated.png") });

        // Zoomed out to the street the case is still drawn (alone, or in a cluster with its count).
        // The view left the loaded box, so the layer reloaded from the server, whose deadline is
        // the real one: the pushed overdue mark is gone again, as it should be.
        await page.EvaluateAsync("() => { window.gridmap.map.jumpTo({ zoom: 12 }); }");
        await page.WaitForFunctionAsync(
            """
            id => window.gridmapCases.rendered().includes(id)
              || window.gridmap.map.queryRenderedFeatures({ layers: ['cases-cluster'] }).length > 0
            """, id, new() { Timeout = 15_000 });
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Screenshot("cases-zoomed-out.png") });
    }
}
