using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>What a command-centre user and a grid leader do on the map page, in Chromium.</summary>
public sealed class MapConsoleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private const string RenderedGridsScript =
        """
        () => window.gridmap.map.queryRenderedFeatures()
            .filter(f => f.source === 'grids' && f.sourceLayer === 'grids')
            .map(f => ({ code: f.properties.code, name: f.properties.name, level: f.properties.level }))
        """;

    private static async Task WaitForMapAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.gridmap && window.gridmap.map", null, new() { Timeout = 30_000 });
        // Evaluate to a small value: Playwright serialises whatever the promise resolves to.
        await page.EvaluateAsync("() => window.gridmap.ready.then(() => true)");
        // Idle means every visible tile is loaded and drawn.
        await page.WaitForFunctionAsync(
            "() => window.gridmap.map.loaded() && window.gridmap.map.areTilesLoaded() && !window.gridmap.map.isMoving()",
            null, new() { Timeout = 30_000, PollingInterval = 200 });
        await page.EvaluateAsync("() => new Promise(r => { const m = window.gridmap.map; m.once('idle', () => r(true)); m.triggerRepaint(); })");
    }

    private static async Task<RenderedGrid[]> RenderedGridsAsync(IPage page) =>
        await page.EvaluateAsync<RenderedGrid[]>(RenderedGridsScript);

    private async Task<JsonElement[]> ApiGridsAsync(string username, int level)
    {
        using var client = await fixture.ApiClientAsync(username);
        return (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/grids?level={level}"))!;
    }

    private static (double Lon, double Lat) Centre(JsonElement grid)
    {
        var b = grid.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
    }

    [Fact]
    public async Task The_command_centre_sees_the_grids_of_the_whole_street()
    {
        var page = await fixture.SignInAsync("command");
        await WaitForMapAsync(page);

        var grids = await RenderedGridsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("map-command-overview.png") });

        var villages = grids.Where(g => g.Level == 1).Select(g => g.Code).Distinct().Count();
        Assert.Equal(11, villages);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("网格地图", await page.TitleAsync());
        // The base layer is drawn too: roads or water from the district's own data.
        var baseFeatures = await page.EvaluateAsync<int>("() => window.gridmap.map.queryRenderedFeatures().filter(f => f.source === 'base').length");
        Assert.True(baseFeatures > 0);
    }

    [Fact]
    public async Task Zooming_in_shows_third_level_grids_and_buildings()
    {
        var block = (await ApiGridsAsync("command", 3))[100];
        var (lon, lat) = Centre(block);
        var page = await fixture.SignInAsync("command");
        await page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"{fixture.BaseUrl}/?z=16.5&lat={lat}&lon={lon}"));
        await WaitForMapAsync(page);

        var grids = await RenderedGridsAsync(page);
        var buildings = await page.EvaluateAsync<int>("() => window.gridmap.map.queryRenderedFeatures().filter(f => f.source === 'buildings').length");
        await page.ScreenshotAsync(new() { Path = Screenshot("map-command-z16.png") });

        Assert.Contains(grids, g => g.Level == 3 && g.Code == block.GetProperty("code").GetString());
        Assert.True(buildings > 10, $"only {buildings} building features rendered");
    }

    [Fact]
    public async Task Clicking_a_grid_opens_its_panel_with_its_officers()
    {
        var block = (await ApiGridsAsync("command", 3))[42];
        var code = block.GetProperty("code").GetString()!;
        var (lon, lat) = Centre(block);
        var page = await fixture.SignInAsync("command");
        await page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"{fixture.BaseUrl}/?z=15&lat={lat}&lon={lon}"));
        await WaitForMapAsync(page);

        // Click the rendered grid polygon itself: find a pixel inside the grid with that code.
        var point = await page.EvaluateAsync<double[]>(
            """
            (code) => {
              const map = window.gridmap.map;
              const canvas = map.getCanvas();
              const w = canvas.clientWidth, h = canvas.clientHeight;
              for (let r = 0; r < Math.max(w, h) / 2; r += 6) {
                for (let a = 0; a < 360; a += 20) {
                  const x = w / 2 + r * Math.cos(a * Math.PI / 180), y = h / 2 + r * Math.sin(a * Math.PI / 180);
                  const hits = map.queryRenderedFeatures([x, y]).filter(f => f.source === 'grids' && f.sourceLayer === 'grids');
                  if (hits.some(f => f.properties.code === code) && !hits.some(f => f.source === 'buildings')) return [x, y];
                }
              }
              return null;
            }
            """, code);
        Assert.NotNull(point);
        var box = (await page.Locator("#map canvas").First.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync((float)(box.X + point[0]), (float)(box.Y + point[1]));

        var panel = page.Locator("#panel");
        await Assertions.Expect(panel).ToContainTextAsync(code, new() { Timeout = 15_000 });
        await Assertions.Expect(panel).ToContainTextAsync("专职网格员");
        await Assertions.Expect(panel).ToContainTextAsync("网格长");
        await page.ScreenshotAsync(new() { Path = Screenshot("map-grid-panel.png") });
        Assert.Contains($"sel=grid%3A{code}", page.Url.Replace(":", "%3A"));
    }

    [Fact]
    public async Task A_grid_leader_cannot_open_another_leaders_grid()
    {
        var villages = (await ApiGridsAsync("command", 1)).Select(g => g.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToArray();
        var own = villages[0];
        var other = villages[1];
        var page = await fixture.SignInAsync("leader01");
        await WaitForMapAsync(page);

        var rendered = await RenderedGridsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("map-leader01.png") });
        var ownFragment = await page.APIRequest.GetAsync($"{fixture.BaseUrl}/fragments/grids/{own}");
        var otherFragment = await page.APIRequest.GetAsync($"{fixture.BaseUrl}/fragments/grids/{other}");
        var otherApi = await page.APIRequest.GetAsync($"{fixture.BaseUrl}/api/v1/grids/{other}");

        Assert.NotEmpty(rendered);
        Assert.All(rendered, g => Assert.StartsWith(own, g.Code));
        Assert.Equal(200, ownFragment.Status);
        Assert.Equal(404, otherFragment.Status);
        Assert.Equal(404, otherApi.Status);

        // Opening a shared link that selects another village shows nothing of it.
        await page.GotoAsync($"{fixture.BaseUrl}/?sel=grid:{other}");
        await WaitForMapAsync(page);
        var panelText = await page.Locator("#panel").InnerTextAsync();
        Assert.DoesNotContain(other, panelText.Replace(" ", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_box_finds_a_village_and_flies_there()
    {
        var village = (await ApiGridsAsync("command", 1))[3];
        var name = village.GetProperty("name").GetString()!;
        var page = await fixture.SignInAsync("command");
        await WaitForMapAsync(page);

        await page.FillAsync("#search", name);
        await page.Locator("#search").PressAsync("Enter");
        var hit = page.Locator("#search-results").GetByText(name).First;
        await Assertions.Expect(hit).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await hit.ClickAsync();

        await Assertions.Expect(page.Locator("#panel")).ToContainTextAsync(village.GetProperty("code").GetString()!, new() { Timeout = 15_000 });
        await WaitForMapAsync(page);
        var centre = await page.EvaluateAsync<double[]>("() => { const c = window.gridmap.map.getCenter(); return [c.lng, c.lat]; }");
        var b = village.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.InRange(centre[0], b[0], b[2]);
        Assert.InRange(centre[1], b[1], b[3]);
        await page.ScreenshotAsync(new() { Path = Screenshot("map-search.png") });
    }

    [Fact]
    public async Task The_console_switches_to_english()
    {
        var page = await fixture.SignInAsync("command");
        await WaitForMapAsync(page);

        await page.GetByText("English").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await WaitForMapAsync(page);

        var text = await page.Locator("body").TextContentAsync();
        Assert.Contains("Layers", text);
        Assert.Contains("Sign out", text);
        Assert.DoesNotContain("图层", text);
        await page.ScreenshotAsync(new() { Path = Screenshot("map-english.png") });
    }

    public sealed class RenderedGrid
    {
        public string Code { get; set; } = "";

        public string Name { get; set; } = "";

        public int Level { get; set; }
    }
}
