using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMap.BrowserTests.Infrastructure;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>The statistics page in Chromium: charts drawn, period and grouping changed, the CSV downloaded.</summary>
public sealed class StatisticsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    /// <summary>Counts the pixels of a chart's canvas that are not background (white or transparent).</summary>
    private const string InkScript =
        """
        id => {
            const canvas = document.querySelector('#' + id + ' canvas');
            if (!canvas) return -1;
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let ink = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) ink++;
            }
            return ink;
        }
        """;

    private Task<HttpClient> ApiAsync(string username) => fixture.ApiClientAsync(username, TestContext.Current.CancellationToken);

    /// <summary>Three cases this month in three third-level grids; the first is handled, checked and closed.</summary>
    private async Task FileCasesAsync()
    {
        await using var query = fixture.Database.DataSource.CreateCommand(
            "SELECT ST_Y(ST_PointOnSurface(boundary)), ST_X(ST_PointOnSurface(boundary)) FROM grid WHERE level = 3 AND valid_to IS NULL ORDER BY code OFFSET 40 LIMIT 3");
        var points = new List<(double Lat, double Lon)>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                points.Add((reader.GetDouble(0), reader.GetDouble(1)));
            }
        }

        using var command = await ApiAsync("command");
        var ids = new List<long>();
        foreach (var (p, i) in points.Select((p, i) => (p, i)))
        {
            var response = await command.PostAsJsonAsync("/api/v1/cases", new
            {
                lat = p.Lat, lon = p.Lon, category = i == 1 ? "env_dumping" : "fire_ebike_indoor", description = $"统计测试 {i}", confirmNotDuplicate = true,
            });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.IsSuccessStatusCode, body.ToString());
            ids.Add(body.GetProperty("id").GetInt64());
        }

        var cases = fixture.App.Services.GetRequiredService<CaseRepository>();
        var centre = CaseActor.User(1, UserRole.Command, null, "指挥中心");
        async Task Apply(CaseCommand c)
        {
            var current = (await cases.GetAsync(GridScope.Everything, ids[0], default))!;
            var result = await cases.ApplyAsync(GridScope.Everything, ids[0], current.Version, c, default);
            Assert.True(result.Outcome == CaseWriteOutcome.Applied, result.Message);
        }

        var first = (await cases.GetAsync(GridScope.Everything, ids[0], default))!;
        Assert.NotNull(first.Status.AssigneeOfficerId);
        var officer = CaseActor.User(99_999, UserRole.GridOfficer, first.Status.AssigneeOfficerId, "网格员");
        await Apply(new CaseCommand(CaseAction.Accept, officer));
        await Apply(new CaseCommand(CaseAction.Start, officer));
        var (photo, error) = await cases.AddPhotoAsync(GridScope.Everything, ids[0], [0xFF, 0xD8, 0xFF, 0xE0, 9, 9, 1, 2, 3], officer, default);
        Assert.True(photo is not null, error);
        await Apply(new CaseCommand(CaseAction.Handle, officer) { PhotoIds = [photo.Value] });
        await Apply(new CaseCommand(CaseAction.CheckPass, centre));
        await Apply(new CaseCommand(CaseAction.Close, centre));
    }

    private static async Task WaitForChartsAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            "() => window.gmStatistics && ['rank', 'stages', 'trend'].every(k => window.gmStatistics.charts[k])",
            null, new() { Timeout = 30_000 });
        // ECharts draws on the next animation frames; wait until the trend canvas has ink.
        await page.WaitForFunctionAsync($"() => ({InkScript})('chart-trend') > 500", null, new() { Timeout = 15_000, PollingInterval = 200 });
        await page.WaitForTimeoutAsync(1200); // let the entry animations finish before screenshots
    }

    [Fact]
    public async Task The_command_centre_sees_charts_changes_period_and_grouping_and_downloads_the_csv()
    {
        await FileCasesAsync();
        var page = await fixture.SignInAsync("command");
        await page.GotoAsync(fixture.BaseUrl + "/statistics");
        await WaitForChartsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("statistics-command-month.png"), FullPage = true });

        foreach (var chart in new[] { "rank", "stages", "trend" })
        {
            var seriesData = await page.EvaluateAsync<int>(
                $"() => window.gmStatistics.charts['{chart}'].getOption().series.reduce((n, s) => n + s.data.length, 0)");
            Assert.True(seriesData > 0, $"{chart} has no series data");
            Assert.True(await page.EvaluateAsync<int>(InkScript, "chart-" + chart) > 500, $"{chart} canvas is blank");
        }

        // 3 filed this month (the demo has no other cases), 1 closed; Chinese chart titles by default.
        Assert.Equal("3", (await page.InnerTextAsync("[data-kpi=filed] .gm-kpi-value")).Trim());
        Assert.Equal(3, await page.EvaluateAsync<int>("() => window.gmStatistics.charts.trend.getOption().series[0].data.reduce((a, b) => a + b, 0)"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.gmStatistics.charts.trend.getOption().series[1].data.reduce((a, b) => a + b, 0)"));
        Assert.Equal("各组按期结案率", await page.EvaluateAsync<string>("() => window.gmStatistics.charts.rank.getOption().title[0].text"));
        Assert.Equal(3, await page.Locator("#stats-table tbody tr").CountAsync());
        // An undefined rate is a dash: two of the three cases were never handled, so rework is undefined for them.
        Assert.Contains("—", await page.InnerTextAsync("#stats-table tbody"));

        // Sort by filed, then group by department.
        await page.ClickAsync("#stats-table th[data-column=filed] button");
        Assert.Equal("descending", await page.GetAttributeAsync("#stats-table th[data-column=filed]", "aria-sort"));
        await page.SelectOptionAsync("#stats-by", "department");
        await page.ClickAsync("[data-testid=stats-apply]");
        await page.WaitForURLAsync(url => url.Contains("by=department"));
        await WaitForChartsAsync(page);
        var departments = await page.Locator("#stats-table tbody tr").AllInnerTextsAsync();
        Assert.Contains(departments, r => r.Contains("消防", StringComparison.Ordinal));
        await page.ScreenshotAsync(new() { Path = Screenshot("statistics-command-department.png"), FullPage = true });
        await page.Locator("#stats-table").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("statistics-command-department-table.png") });

        // A custom range: the whole year so far (weekly trend).
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        await page.ClickAsync("label[for=period-range]");
        Assert.True(await page.IsVisibleAsync("#stats-from"));
        Assert.False(await page.IsVisibleAsync("#stats-month"));
        await page.FillAsync("#stats-from", $"{now.Year}-01-01");
        await page.FillAsync("#stats-to", now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-testid=stats-apply]");
        await page.WaitForURLAsync(url => url.Contains("period=range") && url.Contains($"from={now.Year}-01-01"));
        await WaitForChartsAsync(page);
        Assert.Contains($"{now.Year}-01-01", await page.InnerTextAsync("[data-testid=stats-period]"));
        Assert.Equal("3", (await page.InnerTextAsync("[data-kpi=filed] .gm-kpi-value")).Trim());
        Assert.True(await page.EvaluateAsync<int>("() => window.gmStatistics.charts.trend.getOption().xAxis[0].data.length") < 60);
        await page.ScreenshotAsync(new() { Path = Screenshot("statistics-command-range.png"), FullPage = true });

        // The monthly CSV of the month the range starts in... here January; the link names it.
        await page.GotoAsync(fixture.BaseUrl + "/statistics?by=grid3");
        await WaitForChartsAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=stats-csv]"));
        Assert.Equal($"gridmap-{now:yyyy-MM}-grid3.csv", download.SuggestedFilename);
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, "..", download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("网格编码,三级网格,立案数", lines[0]);
        Assert.Equal(5, lines.Length); // heading, three grids, 合计
        Assert.StartsWith(",合计,3,", lines[^1]);
    }

    [Fact]
    public async Task English_labels_with_the_english_ui_and_a_message_for_grid_officers()
    {
        var page = await fixture.SignInAsync("command");
        await page.GotoAsync(fixture.BaseUrl + "/statistics?culture=en");
        await WaitForChartsAsync(page);
        Assert.Equal("On-time closure rate by group", await page.EvaluateAsync<string>("() => window.gmStatistics.charts.rank.getOption().title[0].text"));
        Assert.Contains("On-time closure rate", await page.InnerTextAsync("#stats-table thead"));
        // Charts follow the window's size.
        var before = await page.EvaluateAsync<int>("() => window.gmStatistics.charts.trend.getWidth()");
        await page.SetViewportSizeAsync(900, 900);
        await page.WaitForFunctionAsync($"() => window.gmStatistics.charts.trend.getWidth() < {before}", null, new() { Timeout = 5_000 });
        await page.ScreenshotAsync(new() { Path = Screenshot("statistics-command-en-narrow.png"), FullPage = true });

        var officer = await fixture.SignInAsync("officer01");
        await officer.GotoAsync(fixture.BaseUrl + "/statistics");
        Assert.True(await officer.IsVisibleAsync("[data-testid=statistics-forbidden]"));
        Assert.Equal(0, await officer.Locator("#chart-rank").CountAsync());
        await officer.ScreenshotAsync(new() { Path = Screenshot("statistics-officer.png") });
    }
}
