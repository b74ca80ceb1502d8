using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>An administrator edits the taxonomy and the working calendar in Chromium.</summary>
public sealed class AdminConsoleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    [Fact]
    public async Task Admin_shortens_the_e_bike_handling_limit_and_sees_both_versions_in_the_history()
    {
        var page = await fixture.SignInAsync("admin");
        var response = await page.GotoAsync(fixture.BaseUrl + "/admin/taxonomy");
        Assert.Equal(200, response!.Status);
        var row = page.Locator("tr[data-subcategory='fire_ebike_indoor']");
        Assert.Equal("1工作日", (await row.Locator("td[data-stage='handling']").InnerTextAsync()).Trim());
        Assert.Contains("已立案的案件保留立案时的版本", await page.Locator("[data-testid=taxonomy-versions-note]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-taxonomy.png") });

        await page.ClickAsync("[data-testid=edit-fire_ebike_indoor]");
        await page.WaitForURLAsync(url => url.Contains("/admin/taxonomy/subcategories/fire_ebike_indoor"));

        // A bad amount is refused next to its field and nothing is saved.
        await page.FillAsync("#limit-handling", "1.234");
        await page.ClickAsync("[data-testid=save-subcategory]");
        var error = page.Locator("[data-error-for='limits.handling.amount']");
        await error.WaitForAsync();
        Assert.Contains("两位小数", await error.InnerTextAsync());
        Assert.Equal(1, await page.Locator("tr[data-version]").CountAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-subcategory-refused.png"), FullPage = true });

        await page.FillAsync("#limit-handling", "2");
        await page.SelectOptionAsync("select[name='Input.HandlingUnit']", "working_days");
        await page.FillAsync("#note", "区标准：2个工作日");
        await page.ClickAsync("[data-testid=save-subcategory]");
        await page.WaitForURLAsync(url => url.Contains("saved=2"));

        Assert.Equal("v2", (await page.Locator("[data-testid=current-version]").InnerTextAsync()).Trim());
        var versions = await page.Locator("tr[data-version]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.version)");
        Assert.Equal(["2", "1"], versions);
        var change = page.Locator("tr[data-version='2'] li[data-field='limits.handling']");
        Assert.Contains("1工作日", await change.Locator("del").InnerTextAsync());
        Assert.Contains("2工作日", await change.Locator("ins").InnerTextAsync());
        Assert.Contains("admin", await page.Locator("tr[data-version='2']").InnerTextAsync());
        await page.Locator("[data-testid=subcategory-history]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-subcategory-history.png"), FullPage = true });

        // The same history with the English UI.
        await page.ClickAsync("a[data-culture='en']");
        await page.WaitForURLAsync(url => url.Contains("/admin/taxonomy/subcategories/fire_ebike_indoor"));
        Assert.Contains("Handling limit", await page.Locator("tr[data-version='2'] li[data-field='limits.handling']").InnerTextAsync());
        Assert.Contains("Version history", await page.Locator("h2").Last.InnerTextAsync());
        await page.Locator("[data-testid=subcategory-history]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-subcategory-history-en.png") });
        await page.ClickAsync("a[data-culture='zh-CN']");
        await page.WaitForURLAsync(url => url.Contains("/admin/taxonomy/subcategories/fire_ebike_indoor"));

        await page.GotoAsync(fixture.BaseUrl + "/admin/taxonomy");
        Assert.Equal("2工作日", (await page.Locator("tr[data-subcategory='fire_ebike_indoor'] td[data-stage='handling']").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_marks_a_day_as_a_holiday_in_the_calendar()
    {
        var page = await fixture.SignInAsync("admin");
        await page.GotoAsync(fixture.BaseUrl + "/admin/calendar?year=2026");
        Assert.Equal("holiday", await page.GetAttributeAsync("a[data-date='2026-10-01']", "data-kind"));
        Assert.Equal("adjusted", await page.GetAttributeAsync("a[data-date='2026-10-10']", "data-kind"));
        Assert.Equal("work", await page.GetAttributeAsync("a[data-date='2026-12-07']", "data-kind"));
        Assert.Equal(1, await page.Locator("[data-testid=calendar-published]").CountAsync());

        await page.ClickAsync("a[data-date='2026-12-07']");
        await page.WaitForURLAsync(url => url.Contains("day=2026-12-07"));
        Assert.Equal("2026-12-07", await page.InputValueAsync("#day-date"));
        await page.SelectOptionAsync("#day-kind", "holiday");
        await page.FillAsync("#day-zh", "测试假日");
        await page.FillAsync("#day-en", "Test holiday");
        await page.ClickAsync("[data-testid=set-day]");
        await page.WaitForURLAsync(url => url.Contains("saved="));

        Assert.Equal("holiday", await page.GetAttributeAsync("a[data-date='2026-12-07']", "data-kind"));
        Assert.Contains("测试假日", await page.GetAttributeAsync("a[data-date='2026-12-07']", "title"));
        Assert.Contains("2026-12-07", await page.Locator("[data-testid=calendar-history]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-calendar-2026.png"), FullPage = true });

        await page.GotoAsync(fixture.BaseUrl + "/admin/calendar?year=2027");
        Assert.Contains("只按周末计算", await page.Locator("[data-testid=calendar-warning]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-calendar-2027.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_adds_a_department_then_retires_it()
    {
        var page = await fixture.SignInAsync("admin");
        await page.GotoAsync(fixture.BaseUrl + "/admin/taxonomy#departments");

        await page.FillAsync("#new-dept-code", "Transport!");
        await page.FillAsync("#new-dept-zh", "交通运输");
        await page.FillAsync("#new-dept-en", "Transport");
        await page.ClickAsync("[data-testid=add-department] button[type=submit]");
        await page.Locator("[data-error-for='code']").WaitForAsync();
        Assert.Equal(0, await page.Locator("tr[data-department='transport']").CountAsync());

        await page.FillAsync("#new-dept-code", "transport");
        await page.ClickAsync("[data-testid=add-department] button[type=submit]");
        var row = page.Locator("tr[data-department='transport']");
        await row.WaitForAsync();
        Assert.Contains("在用", await row.InnerTextAsync());

        await row.Locator("button[name=ToggleCode]").ClickAsync();
        await page.Locator("[data-testid=admin-message]").WaitForAsync();
        Assert.Contains("已停用", await page.Locator("tr[data-department='transport']").InnerTextAsync());
        await page.Locator("#departments").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-departments.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_grid_leader_is_told_the_admin_pages_are_for_administrators()
    {
        var page = await fixture.SignInAsync("leader01");
        var response = await page.GotoAsync(fixture.BaseUrl + "/admin/taxonomy");
        Assert.Equal(403, response!.Status);
        Assert.Contains("只有系统管理员", await page.Locator("[data-testid=admin-forbidden]").InnerTextAsync());
        response = await page.GotoAsync(fixture.BaseUrl + "/admin/calendar");
        Assert.Equal(403, response!.Status);
        await page.Context.CloseAsync();
    }
}
