using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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

    /// <summary>Where a test's screenshot named <paramref name="name"/> goes (look at them).</summary>
    public static string Screenshot(string name) => Path.Combine(ArtifactsDirectory, name);

    /// <summary>A client of the running app that calls the API with a demo account's bearer token.</summary>
    public async Task<HttpClient> ApiClientAsync(string username, CancellationToken cancellationToken = default)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = DemoDistrict.Password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
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

    /// <summary>Where a failed test leaves the screenshot, HTML and text of each page it had open.</summary>
    public static string FailuresDirectory => Path.Combine(Path.GetDirectoryName(ArtifactsDirectory)!, "failures");

    /// <summary>
    /// Runs after every test (the classes call it from DisposeAsync, when xUnit knows the result).
    /// A browser test that fails on CI is otherwise only a timeout and a stack: keeping what each
    /// open page showed, and what the app logged meanwhile, says whether the page was wrong or
    /// merely slow, and why. Then closes every context
    /// the test left open, so that a failed test does not leave pages running into the next one.
    /// </summary>
    public async ValueTask AfterTestAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var test = TestContext.Current.Test?.TestDisplayName ?? "test";
        var stem = new string(test.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
        var log = App.Log.Drain();
        if (failed && log.Count > 0)
        {
            Directory.CreateDirectory(FailuresDirectory);
            await File.WriteAllTextAsync(Path.Combine(FailuresDirectory, $"{stem}-app-log.txt"), string.Join('\n', log));
        }

        var index = 0;
        foreach (var context in Browser.Contexts.ToList())
        {
            if (failed)
            {
                foreach (var page in context.Pages)
                {
                    index++;
                    await KeepPageAsync(page, Path.Combine(FailuresDirectory, $"{stem}-{index}"));
                }
            }

            await context.CloseAsync();
        }
    }

    private static async Task KeepPageAsync(IPage page, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await page.ScreenshotAsync(new() { Path = path + ".png", FullPage = true, Timeout = 10_000 });
            await File.WriteAllTextAsync(path + ".html", await page.ContentAsync());
            var text = await page.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''");
            await File.WriteAllTextAsync(path + ".txt", $"{page.Url}\n\n{text}");
        }
        catch (PlaywrightException ex)
        {
            await File.WriteAllTextAsync(path + ".txt", $"{page.Url}\n\nthe page could not be kept: {ex.Message}");
        }
    }

    /// <summary>
    /// A phone (390×844, touch) signed in to the officers' page through the sign-in page, standing
    /// at <paramref name="lat"/>/<paramref name="lon"/> with an accuracy of 8 m when the position is granted.
    /// </summary>
    public async Task<IPage> PhoneAsync(string username, double lat, double lon, bool grantPosition = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            Geolocation = new Geolocation { Latitude = (float)lat, Longitude = (float)lon, Accuracy = 8 },
            Permissions = grantPosition ? ["geolocation"] : [],
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/m");
        // Anonymous: the sign-in page, which comes back to /m.
        await page.WaitForURLAsync(url => url.Contains("/signin"));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", DemoDistrict.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/m", StringComparison.Ordinal));
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
