using System.Net.Http.Json;
using System.Text.Json;
using GridMap.BrowserTests.Infrastructure;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>
/// The worklist in Chromium: a grid leader sorts by deadline and dispatches a case from the case
/// panel; the command centre returns a handled case for rework and closes a checked one.
/// </summary>
public sealed class WorklistTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> ApiAsync(string username) => fixture.ApiClientAsync(username, Ct);

    /// <summary>A point inside a third-level grid of leader01's village (skip picks another grid).</summary>
    private async Task<(string Grid, double Lat, double Lon)> LeaderPlaceAsync(int skip)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            """
            SELECT g.code, ST_Y(ST_PointOnSurface(g.boundary)), ST_X(ST_PointOnSurface(g.boundary))
            FROM grid g
            WHERE g.level = 3 AND g.valid_to IS NULL
              AND g.code LIKE (SELECT left(min(s.grid_code), 12) FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id
                               WHERE u.username = 'leader01') || '%'
            ORDER BY g.code OFFSET @skip LIMIT 1
            """);
        command.Parameters.AddWithValue("skip", skip);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2));
    }

    private static async Task<long> ReportAsync(HttpClient client, (string Grid, double Lat, double Lon) place, string category, string description)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases",
            new { lat = place.Lat, lon = place.Lon, category, description, confirmNotDuplicate = true });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Moves a case as its assignee would on the phone (accept, start, handle with a photo).</summary>
    private async Task HandleAsync(long id)
    {
        var cases = fixture.App.Services.GetRequiredService<CaseRepository>();
        var current = await cases.GetAsync(GridScope.Everything, id, default);
        var officer = CaseActor.User(0, UserRole.GridOfficer, current!.Status.AssigneeOfficerId, "网格员");
        foreach (var action in new[] { CaseAction.Accept, CaseAction.Start })
        {
            var c = await cases.GetAsync(GridScope.Everything, id, default);
            Assert.Equal(CaseWriteOutcome.Applied, (await cases.ApplyAsync(GridScope.Everything, id, c!.Version, new CaseCommand(action, officer), default)).Outcome);
        }

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()];
        var (photo, _) = await cases.AddPhotoAsync(GridScope.Everything, id, png, officer, default);
        var before = await cases.GetAsync(GridScope.Everything, id, default);
        var handled = await cases.ApplyAsync(GridScope.Everything, id, before!.Version,
            new CaseCommand(CaseAction.Handle, officer) { PhotoIds = [photo!.Value], Note = "已现场整改" }, default);
        Assert.Equal(CaseWriteOutcome.Applied, handled.Outcome);
    }

    private static async Task OpenCaseAsync(IPage page, long id)
    {
        await page.ClickAsync($"tr[data-case-id='{id}']");
        await page.WaitForSelectorAsync($"#case-panel-host [data-testid='case-panel'][data-case-id='{id}']");
    }

    [Fact]
    public async Task A_grid_leader_sorts_by_deadline_and_dispatches_a_case_from_the_panel()
    {
        var place = await LeaderPlaceAsync(0);
        using var official = await ApiAsync("official");
        using var command = await ApiAsync("command");
        // An official's report waits for verification; verified by hand it waits for dispatch.
        var id = await ReportAsync(official, place, "env_dumping", "巷口堆放建筑垃圾");
        var verify = await command.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { action = "verify", note = "现场核实属实" }, Ct);
        Assert.True(verify.IsSuccessStatusCode, await verify.Content.ReadAsStringAsync(Ct));
        await ReportAsync(command, place, "fire_wiring", "楼道私拉电线");

        var page = await fixture.SignInAsync("leader01");
        await page.ClickAsync("[data-testid='nav-worklist']");
        await page.WaitForSelectorAsync("[data-testid='worklist-results']");
        await page.ClickAsync("[data-testid='worklist-sort-reported']");
        await page.WaitForSelectorAsync("[data-testid='worklist-results'][data-sort='reported']");
        await page.ClickAsync("[data-testid='worklist-sort-deadline']");
        await page.WaitForSelectorAsync("[data-testid='worklist-results'][data-sort='deadline']");
        Assert.EndsWith("/worklist", page.Url);
        Assert.Equal("deadline", await page.InputValueAsync("#worklist-sort"));

        // Most urgent first: the deadlines in the table never decrease.
        var deadlines = await page.EvalOnSelectorAllAsync<string[]>(
            "tr[data-case-id] td:nth-child(6) > div:first-child", "cells => cells.map(c => c.textContent.trim())");
        Assert.NotEmpty(deadlines);
        Assert.Equal(deadlines.Order(StringComparer.Ordinal), deadlines);

        await OpenCaseAsync(page, id);
        await page.ClickAsync("[data-testid='case-action-open-dispatch']");
        var options = await page.EvalOnSelectorAllAsync<string[]>("[data-testid='case-action-dispatch'] select[name='assignee'] option[value]:not([value=''])", "os => os.map(o => o.value)");
        Assert.NotEmpty(options);
        await page.SelectOptionAsync("[data-testid='case-action-dispatch'] select[name='assignee']", options[0]);
        await page.FillAsync("[data-testid='case-action-dispatch'] textarea[name='note']", "请今天下午前往清理");
        var changed = page.EvaluateAsync<JsonElement>(
            "() => new Promise(r => document.addEventListener('gm:case-changed', e => r({ id: e.detail.id, state: e.detail.state }), { once: true }))");
        await page.ClickAsync("[data-testid='case-submit-dispatch']");

        var detail = await changed;
        Assert.Equal(id, detail.GetProperty("id").GetInt64());
        Assert.Equal("dispatched", detail.GetProperty("state").GetString());
        await page.WaitForSelectorAsync("[data-testid='case-panel'][data-case-state='dispatched'] [data-testid='case-message'][data-kind='success']");
        var dispatchEvent = page.Locator("[data-testid='case-timeline'] li[data-action='dispatch']");
        Assert.Contains("请今天下午前往清理", await dispatchEvent.InnerTextAsync());
        Assert.Contains("网格长", await dispatchEvent.InnerTextAsync());
        // The list refreshed on gm:case-changed.
        await page.WaitForSelectorAsync($"tr[data-case-id='{id}'][data-state='dispatched']");
        await page.ScreenshotAsync(new() { Path = Screenshot("worklist-leader-dispatched.png"), FullPage = true });
    }

    [Fact]
    public async Task The_command_centre_returns_a_handled_case_for_rework_and_closes_a_checked_one()
    {
        var place = await LeaderPlaceAsync(1);
        using var api = await ApiAsync("command");
        var toRework = await ReportAsync(api, place, "fire_equipment_missing", "灭火器过期");
        var toClose = await ReportAsync(api, place, "sec_access_control", "门禁损坏");
        await HandleAsync(toRework);
        await HandleAsync(toClose);
        var pass = await api.PostAsJsonAsync($"/api/v1/cases/{toClose}/transitions", new { action = "check_pass", note = "复查合格" }, Ct);
        Assert.True(pass.IsSuccessStatusCode, await pass.Content.ReadAsStringAsync(Ct));

        var page = await fixture.SignInAsync("command");
        await page.GotoAsync(fixture.BaseUrl + "/worklist");
        await page.ClickAsync("[data-testid='worklist-count-handled']");
        await page.WaitForSelectorAsync("[data-testid='worklist-results'][data-state='handled']");
        await OpenCaseAsync(page, toRework);
        await page.ScreenshotAsync(new() { Path = Screenshot("worklist-command-handled.png"), FullPage = true });
        await page.ClickAsync("[data-testid='case-action-open-return']");
        await page.FillAsync("[data-testid='case-action-return'] textarea[name='note']", "灭火器未更换，需返工");
        await page.ClickAsync("[data-testid='case-submit-return']");
        await page.WaitForSelectorAsync("[data-testid='case-panel'][data-case-state='in_handling'] [data-testid='case-message'][data-kind='success']");
        Assert.Contains("灭火器未更换，需返工", await page.Locator("[data-testid='case-timeline'] li[data-action='check_fail']").InnerTextAsync());
        Assert.Equal("1", (await page.Locator("[data-testid='case-rework']").InnerTextAsync()).Trim());
        // The handled tab no longer lists it.
        await page.WaitForSelectorAsync($"tr[data-case-id='{toRework}']", new() { State = WaitForSelectorState.Detached });

        await page.ClickAsync("[data-testid='worklist-count-checked']");
        await page.WaitForSelectorAsync("[data-testid='worklist-results'][data-state='checked']");
        await OpenCaseAsync(page, toClose);
        await page.ClickAsync("[data-testid='case-action-close'] button");
        await page.WaitForSelectorAsync("[data-testid='case-panel'][data-case-state='closed']");
        var timeline = page.Locator("[data-testid='case-timeline'] > li");
        var actions = await timeline.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.action)");
        Assert.Equal("close", actions[^1]);
        Assert.Contains("check_pass", actions);
        Assert.Contains("指挥中心", await page.Locator("[data-testid='case-timeline'] li[data-action='close']").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("worklist-command-closed.png"), FullPage = true });
    }

    [Fact]
    public async Task An_officer_is_told_the_worklist_is_not_for_them()
    {
        var page = await fixture.SignInAsync("officer01");
        await page.GotoAsync(fixture.BaseUrl + "/worklist");
        Assert.True(await page.IsVisibleAsync("[data-testid='worklist-not-for-role']"));
        Assert.Equal(0, await page.Locator("[data-testid='worklist-results']").CountAsync());
    }
}
