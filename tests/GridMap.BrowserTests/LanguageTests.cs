using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>
/// One language per screen: with an English browser the console's own texts (titles, headings,
/// labels, buttons, table heads, legends) carry no Chinese; with a Chinese browser the titles are
/// Chinese. User data (grid, officer and place names, notes) may be in either language, so only
/// the console's chrome is checked, and elements marked lang="zh-CN" (the 中文 switch, the brand)
/// are left out. Timelines name roles and actions, never their codes.
/// </summary>
public sealed partial class LanguageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The console's own words: headings, labels, buttons, column heads, legends, the title (row heads are data).
    private const string ChromeScript =
        """
        () => {
          const body = document.body.cloneNode(true);
          body.querySelectorAll('[lang|="zh"], script, style, template').forEach(e => e.remove());
          const parts = [document.title];
          body.querySelectorAll('h1, h2, h3, h4, h5, th:not([scope="row"]), label, button, legend, summary, nav a, .gm-tool-title, .gm-legend-caption, .gm-legend li, .gm-case-legend li, [role="alert"]:not([data-user-text])')
            .forEach(e => parts.push(e.textContent.trim()));
          return parts.filter(t => t.length > 0);
        }
        """;

    private static readonly (string User, string Path, string Chinese, string English)[] Pages =
    [
        ("admin", "/admin/taxonomy", "隐患分类与时限", "Hazard taxonomy"),
        ("admin", "/admin/calendar", "工作日历", "Working calendar"),
        ("admin", "/admin/rectification", "整改通知书：依据与办事处", "Rectification notices: basis and offices"),
        ("admin", "/admin/notifications", "部门函告投递", "Department notifications"),
        ("admin", "/statistics", "统计分析", "Statistics"),
        ("command", "/worklist", "工作台（网格事件）", "Worklist"),
        ("command", "/", "网格地图", "Grid map"),
    ];

    /// <summary>Signs in and picks the language as a user does, with the switch in the top bar.</summary>
    private async Task<IPage> SignInAsync(string user, string culture)
    {
        var page = await fixture.SignInAsync(user);
        await page.ClickAsync($"a[data-culture='{culture}']");
        await page.WaitForSelectorAsync($"a[data-culture='{culture}'].active");
        return page;
    }

    [Fact]
    public async Task English_screens_show_no_Chinese_outside_user_data_and_Chinese_screens_have_Chinese_titles()
    {
        foreach (var user in Pages.Select(p => p.User).Distinct())
        {
            var english = await SignInAsync(user, "en");
            var inChinese = await SignInAsync(user, "zh-CN");
            foreach (var (_, path, zh, en) in Pages.Where(p => p.User == user))
            {
                await english.GotoAsync(fixture.BaseUrl + path);
                Assert.StartsWith(en, await english.TitleAsync());
                var chrome = await english.EvaluateAsync<string[]>(ChromeScript);
                Assert.True(chrome.Length > 3, $"{path}: only {chrome.Length} texts were read");
                var chinese = chrome.Where(t => Cjk().IsMatch(t)).ToList();
                Assert.True(chinese.Count == 0, $"{path} in English shows Chinese:\n{string.Join("\n", chinese)}");
                await english.ScreenshotAsync(new() { Path = Screenshot($"language-en{path.Replace('/', '-').TrimEnd('-')}.png"), FullPage = true });

                await inChinese.GotoAsync(fixture.BaseUrl + path);
                Assert.StartsWith(zh, await inChinese.TitleAsync());
            }

            await english.Context.CloseAsync();
            await inChinese.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_phone_in_English_has_no_Chinese_labels()
    {
        var page = await fixture.PhoneAsync("officer01", 23.13, 114.42);
        await page.GotoAsync(fixture.BaseUrl + "/m?culture=en&ui-culture=en");
        var chrome = await page.EvaluateAsync<string[]>(ChromeScript);
        Assert.Empty(chrome.Where(t => Cjk().IsMatch(t)));
        await page.GotoAsync(fixture.BaseUrl + "/m/report?culture=en&ui-culture=en");
        chrome = await page.EvaluateAsync<string[]>(ChromeScript);
        Assert.Empty(chrome.Where(t => Cjk().IsMatch(t)));
        await page.ScreenshotAsync(new() { Path = Screenshot("language-en-m-report.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_timeline_names_roles_and_actions_in_the_readers_language()
    {
        // A report the rule dispatches at once: a user's report, then the system's dispatch.
        using var api = await fixture.ApiClientAsync("command", Ct);
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT ST_Y(ST_PointOnSurface(boundary)), ST_X(ST_PointOnSurface(boundary)) FROM grid WHERE level = 3 AND valid_to IS NULL ORDER BY code LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var (lat, lon) = (reader.GetDouble(0), reader.GetDouble(1));
        var response = await api.PostAsJsonAsync("/api/v1/cases",
            new { lat, lon, category = "fire_wiring", description = "楼道私拉电线", confirmNotDuplicate = true }, Ct);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.True(response.IsSuccessStatusCode, created.ToString());
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("dispatched", created.GetProperty("state").GetString());

        foreach (var (locale, role, system, action, state) in new[]
        {
            ("en", "Command centre", "Automatic dispatch", "Dispatch", "Dispatched"),
            ("zh-CN", "指挥中心", "自动派遣", "派遣", "已派遣"),
        })
        {
            var page = await SignInAsync("command", locale);
            await page.GotoAsync(fixture.BaseUrl + "/worklist");
            await page.ClickAsync($"tr[data-case-id='{id}']");
            var timeline = page.Locator($"#case-panel-host [data-testid='case-panel'][data-case-id='{id}'] [data-testid='case-timeline']");
            await timeline.WaitForAsync();
            Assert.Contains(role, await timeline.Locator("li[data-action='report']").InnerTextAsync());
            var dispatch = timeline.Locator("li[data-action='dispatch']");
            var dispatched = await dispatch.InnerTextAsync();
            Assert.Equal(action, (await dispatch.Locator(".gm-case-event-action").InnerTextAsync()).Trim());
            Assert.EndsWith(system, (await dispatch.Locator(".gm-case-event-who").InnerTextAsync()).Trim());
            Assert.Contains(state, dispatched);
            // Notes are what people (or processes) wrote; the names around them are the console's.
            var names = await timeline.Locator(".gm-case-event-head, .gm-case-event-who, .gm-case-event-facts").AllInnerTextsAsync();
            Assert.DoesNotMatch(CodeWords(), string.Join("\n", names));
            await page.ScreenshotAsync(new() { Path = Screenshot($"language-{locale}-timeline.png"), FullPage = true });
            await page.Context.CloseAsync();
        }
    }

    // Role, action and state codes as the API writes them; none may reach a reader.
    [GeneratedRegex(@"\b(grid_officer|grid_leader|check_pass|check_fail|in_handling)\b|\b(user|system|open311):")]
    private static partial Regex CodeWords();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
