using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests.Open311;

/// <summary>The administrators' Open311 key page in Chromium: create (key shown once), list, revoke.</summary>
public sealed class ApiKeysPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ArtifactsDirectory, name);

    [Fact]
    public async Task An_administrator_creates_a_key_sees_it_once_and_revokes_it()
    {
        var page = await fixture.SignInAsync("admin");
        await page.GotoAsync(fixture.BaseUrl + "/admin/api-keys");

        await page.FillAsync("#key-name", "12345 热线");
        await page.FillAsync("#key-owner", "惠城区12345政务服务便民热线");
        await page.FillAsync("#key-contact", "0752-12345");
        await page.ClickAsync("form[name=create-api-key] button[type=submit], button:has-text('生成密钥')");

        var key = (await page.Locator("[data-testid=api-key-value]").InnerTextAsync()).Trim();
        Assert.StartsWith("gm311_", key);
        var row = page.Locator("[data-testid=api-keys] tbody tr", new() { HasText = "12345 热线" });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains(key[..12], await row.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("open311-api-key-created.png"), FullPage = true });

        // Reloading shows the list, never the key again.
        await page.GotoAsync(fixture.BaseUrl + "/admin/api-keys");
        Assert.DoesNotContain(key, await page.ContentAsync());

        await page.Locator("[data-testid=api-keys] tbody tr", new() { HasText = "12345 热线" }).Locator("button").ClickAsync();
        await page.Locator("[data-testid=api-key-message]").WaitForAsync();
        Assert.Contains("已停用", await page.Locator("[data-testid=api-keys] tbody tr", new() { HasText = "12345 热线" }).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("open311-api-key-revoked.png"), FullPage = true });

        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync($"/open311/v2/requests.json?api_key={Uri.EscapeDataString(key)}", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
