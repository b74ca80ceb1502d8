using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>
/// One case from report to closure through the pages people use, in Chromium: an official reports
/// a hazard on the map; it appears live on the grid leader's console, where the leader verifies it
/// and dispatches it to the grid officer; the officer accepts, starts and handles it with an
/// evidence photo on the phone page; the leader checks and closes it; the statistics count it.
/// </summary>
public sealed class CaseLifecycleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Place(string Grid, double Lon, double Lat, long OfficerId);

    /// <summary>
    /// An open point (no building within 15 m) in the first third-level grid officer01 patrols,
    /// which is also in leader01's village; and officer01's officer id.
    /// </summary>
    private async Task<Place> OfficerGridAsync()
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            """
            SELECT g.code, ST_X(p), ST_Y(p), u.officer_id
            FROM app_user u
            JOIN user_grid_scope s ON s.user_id = u.id
            JOIN grid g ON g.code LIKE s.grid_code || '%' AND g.level = 3 AND g.valid_to IS NULL
            CROSS JOIN LATERAL (SELECT ST_PointOnSurface(g.boundary) AS p) q
            WHERE u.username = 'officer01'
              AND EXISTS (SELECT 1 FROM user_grid_scope l JOIN app_user a ON a.id = l.user_id
                          WHERE a.username = 'leader01' AND g.code LIKE l.grid_code || '%')
              AND NOT EXISTS (SELECT 1 FROM building b WHERE ST_DWithin(b.footprint::geography, q.p::geography, 15))
            ORDER BY g.code LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), "officer01 has no open ground in leader01's village");
        return new Place(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3));
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

    private async Task<JsonElement> StatisticsAsync()
    {
        using var client = await fixture.ApiClientAsync("command", Ct);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics?by=grid3", Ct)).GetProperty("total").GetProperty("indicators");
    }

    private static async Task ClickMapAtAsync(IPage page, Place at)
    {
        var xy = await page.EvaluateAsync<double[]>("p => { const q = window.gridmap.map.project(p); return [q.x, q.y]; }", new[] { at.Lon, at.Lat });
        var box = (await page.Locator("#map canvas").First.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + xy[0]), (float)(box.Y + xy[1]));
    }

    /// <summary>Opens the case from the live feed of a console and waits for its panel in the given state.</summary>
    private static async Task<ILocator> OpenFromFeedAsync(IPage page, long id, string state)
    {
        var item = page.Locator($"[data-testid='case-feed-item'] button[data-case-id='{id}']");
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await item.ClickAsync();
        var panel = page.Locator($"[data-testid='case-panel'][data-case-id='{id}'][data-case-state='{state}']");
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 20_000 });
        return panel;
    }

    [Fact]
    public async Task A_report_on_the_map_is_dispatched_handled_on_the_phone_checked_closed_and_counted()
    {
        var at = await OfficerGridAsync();
        var before = await StatisticsAsync();

        // The grid leader's console is open before anything is reported.
        var leader = await OpenMapAsync("leader01", at);

        // An official reports a hazard by clicking the map: it waits in "reported" for verification.
        var official = await OpenMapAsync("official", at);
        await official.ClickAsync("[data-testid='case-report-toggle']");
        await ClickMapAtAsync(official, at);
        var form = official.Locator("[data-testid='case-report-form']");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await form.Locator("select[name=category]").SelectOptionAsync("fire_escape_blocked");
        await form.Locator("textarea[name=description]").FillAsync("楼梯间堆放杂物，堵塞疏散通道");
        await official.ClickAsync("[data-testid='case-report-submit']");
        await official.WaitForFunctionAsync("() => (window.gridmap.selection || '').startsWith('case:')", null, new() { Timeout = 15_000 });
        var id = long.Parse((await official.EvaluateAsync<string>("() => window.gridmap.selection"))["case:".Length..], CultureInfo.InvariantCulture);
        await Assertions.Expect(official.Locator($"[data-testid='case-panel'][data-case-id='{id}'][data-case-state='reported']"))
            .ToBeVisibleAsync(new() { Timeout = 15_000 });
        await official.ScreenshotAsync(new() { Path = Screenshot("lifecycle-1-official-reported.png") });

        // It reaches the leader's console live; the leader verifies it and dispatches it to officer01.
        var panel = await OpenFromFeedAsync(leader, id, "reported");
        await panel.Locator("[data-testid='case-action-verify'] button").First.ClickAsync();
        panel = leader.Locator($"[data-testid='case-panel'][data-case-id='{id}'][data-case-state='verified']");
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await panel.Locator("[data-testid='case-action-open-dispatch']").ClickAsync();
        var dispatch = panel.Locator("[data-testid='case-action-dispatch']");
        await dispatch.Locator("select[name='assignee']").SelectOptionAsync(at.OfficerId.ToString(CultureInfo.InvariantCulture));
        await dispatch.Locator("textarea[name='note']").FillAsync("请今日内清理并拍照反馈");
        await leader.ScreenshotAsync(new() { Path = Screenshot("lifecycle-2-leader-dispatching.png") });
        await panel.Locator("[data-testid='case-submit-dispatch']").ClickAsync();
        await Assertions.Expect(leader.Locator($"[data-testid='case-panel'][data-case-id='{id}'][data-case-state='dispatched']"))
            .ToBeVisibleAsync(new() { Timeout = 15_000 });

        // The officer finds it among their tasks on the phone, accepts, starts and handles it with a photo.
        var phone = await fixture.PhoneAsync("officer01", at.Lat, at.Lon);
        var task = phone.Locator($"[data-testid=task][data-case='{id}']");
        await task.WaitForAsync(new() { Timeout = 15_000 });
        await task.ClickAsync();
        await phone.WaitForSelectorAsync("[data-testid=task-detail][data-state=dispatched]");
        await phone.ClickAsync("[data-testid=action-accept]");
        await phone.WaitForSelectorAsync("[data-testid=task-detail][data-state=accepted]");
        await phone.ClickAsync("[data-testid=action-start]");
        await phone.WaitForSelectorAsync("[data-testid=task-detail][data-state=in_handling]");
        await phone.SetInputFilesAsync("[data-testid=evidence]", new FilePayload { Name = "cleared.png", MimeType = "image/png", Buffer = TestPng.Create(64, 48, 0x3a9a50) });
        await phone.FillAsync("textarea[name=note]", "杂物已清走，通道畅通");
        await phone.ClickAsync("[data-testid=action-handle]");
        await phone.WaitForSelectorAsync("[data-testid=task-detail][data-state=handled]");
        await phone.ScreenshotAsync(new() { Path = Screenshot("lifecycle-3-officer-handled.png"), FullPage = true });

        // Back on the leader's console: the feed brings the handled case; the leader checks and closes it.
        panel = await OpenFromFeedAsync(leader, id, "handled");
        await Assertions.Expect(panel.Locator("img[src^='/api/v1/photos/']").First).ToBeVisibleAsync();
        await panel.Locator("[data-testid='case-action-check_pass'] button").First.ClickAsync();
        panel = leader.Locator($"[data-testid='case-panel'][data-case-id='{id}'][data-case-state='checked']");
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await panel.Locator("[data-testid='case-action-close'] button").First.ClickAsync();
        panel = leader.Locator($"[data-testid='case-panel'][data-case-id='{id}'][data-case-state='closed']");
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var timeline = await panel.Locator("[data-testid='case-timeline'] > li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.action)");
        Assert.Equal(["report", "verify", "dispatch", "accept", "start", "handle", "check_pass", "close"], timeline);
        await leader.ScreenshotAsync(new() { Path = Screenshot("lifecycle-4-leader-closed.png") });

        // The month's statistics count the case as filed and closed on time.
        var after = await StatisticsAsync();
        Assert.Equal(before.GetProperty("filed").GetInt32() + 1, after.GetProperty("filed").GetInt32());
        Assert.Equal(before.GetProperty("closed").GetInt32() + 1, after.GetProperty("closed").GetInt32());
        Assert.Equal(before.GetProperty("closedOnTime").GetInt32() + 1, after.GetProperty("closedOnTime").GetInt32());
        var page = await fixture.SignInAsync("command");
        await page.GotoAsync(fixture.BaseUrl + "/statistics");
        await Assertions.Expect(page.Locator("[data-kpi=filed] .gm-kpi-value"))
            .ToHaveTextAsync(after.GetProperty("filed").GetInt32().ToString(CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Screenshot("lifecycle-5-statistics.png"), FullPage = true });
    }
}
