using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>An administrator finds, registers and lists patrol devices on the interactive /admin/devices page.</summary>
public sealed class AdminDevicesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static Task<int> RowCountAsync(IPage page) => page.Locator("code[data-device]").CountAsync();

    [Fact]
    public async Task Admin_searches_pages_and_registers_a_device_for_an_officer_picked_by_name()
    {
        var page = await fixture.SignInAsync("admin");
        var response = await page.GotoAsync(fixture.BaseUrl + "/admin/devices");
        Assert.Equal(200, response!.Status);

        // One page of 25, not all the district's devices; the total above the grid.
        await page.Locator("code[data-device]").Nth(24).WaitForAsync();
        Assert.Equal(25, await RowCountAsync(page));
        Assert.Matches(@"共 \d+ 台终端", await page.Locator("[data-testid=device-count]").InnerTextAsync());
        // The help text names the host this page was reached at, not a placeholder.
        var help = await page.Locator("[data-testid=devices-help]").InnerTextAsync();
        Assert.Contains(new Uri(fixture.BaseUrl).Host, help);
        Assert.DoesNotContain("服务器:", help);
        Assert.Contains("每页条数", await page.Locator(".mud-table-pagination").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-devices.png") });

        // Paging is server-side: the next page holds the next 25 devices.
        var first = await page.Locator("code[data-device]").First.InnerTextAsync();
        await page.ClickAsync("button[aria-label='下一页']");
        await Assertions.Expect(page.Locator("code[data-device]").First).Not.ToHaveTextAsync(first);

        // Search by an officer's name narrows the list to their devices.
        var officer = (await page.Locator("tbody tr.mud-table-row").First.Locator("td").First.InnerTextAsync()).Trim();
        await page.FillAsync("input[data-testid=device-search]", officer);
        await Assertions.Expect(page.Locator("[data-testid=device-count]")).Not.ToHaveTextAsync(await page.Locator("[data-testid=device-count]").InnerTextAsync());
        var names = await page.Locator("tbody tr.mud-table-row td:first-child").AllInnerTextsAsync();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Contains(officer, n));
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-devices-search.png") });

        // The dialog refuses without an officer and says why, next to each field.
        await page.ClickAsync("[data-testid=device-register]");
        await page.ClickAsync("[data-testid=device-submit]");
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("请选择人员");
        Assert.Contains("终端编号须为 1 至 64 个字母", await dialog.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-devices-dialog-refused.png") });

        // Pick the officer by name, register, and get the token once.
        await page.FillAsync("input[data-testid=device-id]", "browser-phone-1");
        await page.Locator("input[data-testid=device-officer]").PressSequentiallyAsync(officer);
        await page.Locator("[data-officer]").First.ClickAsync();
        await page.ClickAsync("[data-testid=device-submit]");
        var token = page.Locator("[data-testid=device-token-value]");
        await token.WaitForAsync();
        Assert.Equal(43, (await token.InnerTextAsync()).Trim().Length);
        Assert.Contains("browser-phone-1", await page.Locator(".mud-snackbar").First.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-devices-registered.png") });

        await page.FillAsync("input[data-testid=device-search]", "browser-phone");
        await Assertions.Expect(page.Locator("code[data-device]")).ToHaveCountAsync(1);
        Assert.Contains(officer, await page.Locator("tbody tr.mud-table-row").First.InnerTextAsync());

        // The language switch is a plain link: it leaves the circuit and comes back in English.
        await page.ClickAsync("a[data-culture='en']");
        await Assertions.Expect(page.Locator("[data-testid=device-register]")).ToContainTextAsync("Register");
        await page.Locator("code[data-device]").Nth(24).WaitForAsync();
        Assert.Contains("Rows per page", await page.Locator(".mud-table-pagination").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-devices-en.png") });
        await page.ClickAsync("a[data-culture='zh-CN']");
        await Assertions.Expect(page.Locator("[data-testid=device-register]")).ToContainTextAsync("登记");

        // A link to a page that is still static leaves the circuit and loads that page whole.
        await page.ClickAsync("[data-testid=nav-worklist]");
        await page.WaitForSelectorAsync("[data-testid=worklist]");
        Assert.EndsWith("/worklist", page.Url);
        Assert.Equal(0, await page.Locator("script[src*='blazor.web.js']").CountAsync());
        Assert.Equal(1, await page.Locator("script[src*='htmx.min.js']").CountAsync());
    }
}
