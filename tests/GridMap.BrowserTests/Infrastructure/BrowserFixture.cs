using Microsoft.Playwright;

namespace GridMap.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download), and the console served by
/// the real application on a Kestrel port over a copy of the demo district.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private TestDatabase? _database;

    public IBrowser Browser { get; private set; } = null!;

    public GridMapAppFactory App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public TestDatabase Database => _database!;

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("GRIDMAP_TEST_ARTIFACTS") is { Length: > 0 } d
                ? d
                : Path.Combine(Path.GetTempPath(), "gridmap-test-artifacts");
            var screenshots = Path.Combine(dir, "screenshots");
            Directory.CreateDirectory(screenshots);
            return screenshots;
        }
    }

    public async ValueTask InitializeAsync()
    {
        _database = await DemoDistrict.CreateAsync();
        App = new GridMapAppFactory(_database.ConnectionString);
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--use-gl=angle", "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
            ],
        });
    }

    /// <summary>A new browser context signed in as a demo account through the sign-in page.</summary>
    public async Task<IPage> SignInAsync(string username, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = locale ?? "zh-CN",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/signin");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", DemoDistrict.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
