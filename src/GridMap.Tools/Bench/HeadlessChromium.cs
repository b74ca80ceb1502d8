using Microsoft.Playwright;

namespace GridMap.Tools.Bench;

/// <summary>
/// Debian's Chromium driven by Playwright, as the browser tests drive it: software WebGL
/// (SwiftShader) so MapLibre renders, and no background traffic to hosts this machine cannot reach.
/// </summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--use-gl=angle", "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
            ],
        });

    /// <summary>The cookies of <paramref name="username"/> signed in through the sign-in page, for new contexts.</summary>
    public static async Task<string> SignInAsync(IBrowser browser, Uri baseAddress, string username, string password)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, "/signin").ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }
}
