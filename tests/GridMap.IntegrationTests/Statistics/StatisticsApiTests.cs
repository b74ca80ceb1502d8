using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Indicators;
using static GridMap.IntegrationTests.Statistics.StatisticsApp;

namespace GridMap.IntegrationTests.Statistics;

/// <summary>
/// GET /api/v1/statistics and the monthly CSV over real timelines in PostGIS. Each test works
/// in its own month of 2026 (the clock is set there), so tests do not see each other's cases.
/// </summary>
public sealed class StatisticsApiTests(StatisticsApp app) : IClassFixture<StatisticsApp>
{
    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    private static JsonElement Group(JsonElement report, string key) =>
        report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == key);

    private static double? Rate(JsonElement indicators, string name) =>
        indicators.GetProperty(name).ValueKind == JsonValueKind.Null ? null : indicators.GetProperty(name).GetDouble();

    /// <summary>
    /// Four cases in one grid, Tuesday 3 March 2026: A closed on time, B left dispatched past its
    /// deadline, C returned once for rework and then closed, D (an official's report) cancelled.
    /// </summary>
    private async Task<(string Grid, long[] Ids)> FileMarchCasesAsync(string? inside = null)
    {
        app.Clock.AdjustTime(Local(3, 3, 10));
        var place = await app.GridWithOfficerAsync(3, inside: inside);
        using var command = await app.SignedInAsync("command");
        using var official = await app.SignedInAsync("official");

        var a = await ReportAsync(command, place.Lat, place.Lon, "fire_ebike_indoor", "楼道内电动车充电");
        var b = await ReportAsync(command, place.Lat, place.Lon, "env_dumping", "乱倒垃圾");
        var c = await ReportAsync(command, place.Lat, place.Lon, "fire_escape_blocked", "安全出口堵塞");
        var d = await ReportAsync(official, place.Lat, place.Lon, "env_street_business", "占道经营");

        await app.HandleAsync(a, place.OfficerId, 301);
        await app.ApplyAsync(a, new CaseCommand(CaseAction.CheckPass, Command));
        await app.ApplyAsync(a, new CaseCommand(CaseAction.Close, Command));

        await app.HandleAsync(c, place.OfficerId, 302);
        await app.ApplyAsync(c, new CaseCommand(CaseAction.CheckFail, Command) { Note = "出口仍有杂物" });
        var (photo, _) = await app.Service<CaseRepository>().AddPhotoAsync(GridScope.Everything, c, [0xFF, 0xD8, 0xFF, 0xE0, 7, 7, 1, 2, 3], Officer(place.OfficerId), Ct);
        await app.ApplyAsync(c, new CaseCommand(CaseAction.Handle, Officer(place.OfficerId)) { PhotoIds = [photo!.Value] });
        await app.ApplyAsync(c, new CaseCommand(CaseAction.CheckPass, Command));
        await app.ApplyAsync(c, new CaseCommand(CaseAction.Close, Command));

        await app.ApplyAsync(d, new CaseCommand(CaseAction.Cancel, Command) { CancelReason = CancelReason.Invalid, Note = "不属实" });
        return (place.Grid, [a, b, c, d]);
    }

    [Fact]
    public async Task A_past_month_per_grid_matches_the_indicators_and_a_hand_count()
    {
        var (grid, _) = await FileMarchCasesAsync();
        app.Clock.AdjustTime(Local(4, 15, 9)); // March is over: B's deadline has long passed
        using var command = await app.SignedInAsync("command");

        var response = await command.GetAsync("/api/v1/statistics?from=2026-03-01&to=2026-03-31&by=grid3", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var report = JsonDocument.Parse(text).RootElement;
        Assert.Equal("2026-03-01", report.GetProperty("from").GetString());
        Assert.Equal("2026-03-31", report.GetProperty("to").GetString());
        Assert.Equal(Local(4, 1, 0), report.GetProperty("asOf").GetDateTimeOffset());

        var row = Group(report, grid);
        var i = row.GetProperty("indicators");
        // By hand: 4 filed, 1 cancelled, 2 closed (both on time), 1 rework of 2 handled, B overdue.
        Assert.Equal(4, i.GetProperty("filed").GetInt32());
        Assert.Equal(1, i.GetProperty("cancelled").GetInt32());
        Assert.Equal(2, i.GetProperty("closed").GetInt32());
        Assert.Equal(2.0 / 3, Rate(i, "closureRate")!.Value, 6);
        Assert.Equal(2.0 / 3, Rate(i, "onTimeClosureRate")!.Value, 6);
        Assert.Equal(3.0 / 4, Rate(i, "accurateFilingRate")!.Value, 6);
        Assert.Equal(1.0, Rate(i, "accurateDispatchRate")!.Value, 6);
        Assert.Equal(1, i.GetProperty("reworkCount").GetInt32());
        Assert.Equal(0.5, Rate(i, "reworkRate")!.Value, 6);
        Assert.Equal(1, i.GetProperty("overdue").GetInt32());
        Assert.Equal(0.0, Rate(i, "missedReportRate")!.Value, 6);
        // A and C are fire-safety (rental-house) hazards and both are closed; B and D are not.
        Assert.Equal(2, i.GetProperty("rentalHazards").GetInt32());
        Assert.Equal(1.0, Rate(i, "rectificationRate")!.Value, 6);
        Assert.Equal(1, row.GetProperty("rank").GetInt32());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("label").GetString()));
        Assert.NotEqual(grid, row.GetProperty("label").GetString()); // the grid's name, not its code
        var stages = row.GetProperty("stages");
        Assert.Equal(2, stages.GetProperty("closed").GetInt32());
        Assert.Equal(1, stages.GetProperty("inProgress").GetInt32());
        Assert.Equal(1, stages.GetProperty("cancelled").GetInt32());

        // The same numbers as CaseIndicators over the repository's cohort, score included.
        var cohort = await app.Service<CaseStatisticsRepository>().LoadAsync(GridScope.Everything, Local(3, 1, 0), Local(4, 1, 0), Ct);
        var expected = CaseIndicators.ByGrid(cohort, Domain.Grids.GridLevel.Third, Local(4, 1, 0), new IndicatorWeights()).Single(r => r.Key == grid);
        Assert.Equal(expected.Indicators.Filed, i.GetProperty("filed").GetInt32());
        Assert.Equal(expected.Indicators.Overdue, i.GetProperty("overdue").GetInt32());
        Assert.Equal(expected.Indicators.OnTimeVerificationRate!.Value, Rate(i, "onTimeVerificationRate")!.Value, 6);
        Assert.Equal(expected.Indicators.OnTimeCheckRate!.Value, Rate(i, "onTimeCheckRate")!.Value, 6);
        Assert.Equal(expected.Indicators.MeanHandlingTime!.Value.TotalHours, i.GetProperty("meanHandlingHours").GetDouble(), 6);
        Assert.Equal(Math.Round(expected.Score!.Value, 1), row.GetProperty("score").GetDouble(), 6);

        // The total is the whole cohort; the trend has one point a day with 4 filed and 2 closed on the 3rd.
        Assert.Equal(4, report.GetProperty("total").GetProperty("indicators").GetProperty("filed").GetInt32());
        var series = report.GetProperty("series");
        Assert.Equal("day", series.GetProperty("interval").GetString());
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(31, points.Count);
        Assert.Equal("2026-03-03", points[2].GetProperty("start").GetString());
        Assert.Equal(4, points[2].GetProperty("filed").GetInt32());
        Assert.Equal(2, points[2].GetProperty("closed").GetInt32());
        Assert.Equal(4, points.Sum(p => p.GetProperty("filed").GetInt32()));

        // Grouped by officer: all three dispatched cases went to the grid's officer, labelled by name.
        var byOfficer = await command.GetFromJsonAsync<JsonElement>("/api/v1/statistics?from=2026-03-01&to=2026-03-31&by=officer", Ct);
        var officerRow = byOfficer.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal(3, officerRow.GetProperty("indicators").GetProperty("filed").GetInt32());
        Assert.NotEqual(officerRow.GetProperty("key").GetString(), officerRow.GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_running_month_is_read_as_of_now_and_is_the_default_period()
    {
        app.Clock.AdjustTime(Local(6, 2, 10)); // Tuesday 2 June
        var place = await app.GridWithOfficerAsync(5);
        using var command = await app.SignedInAsync("command");
        await ReportAsync(command, place.Lat, place.Lon, "env_dumping", "六月的垃圾");
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // a period still running is read up to (not including) now

        var report = await command.GetFromJsonAsync<JsonElement>("/api/v1/statistics", Ct);
        Assert.Equal("2026-06-01", report.GetProperty("from").GetString());
        Assert.Equal("2026-06-30", report.GetProperty("to").GetString());
        Assert.Equal("grid3", report.GetProperty("by").GetString());
        Assert.Equal(Local(6, 2, 10, 1), report.GetProperty("asOf").GetDateTimeOffset());
        var i = Group(report, place.Grid).GetProperty("indicators");
        Assert.Equal(1, i.GetProperty("filed").GetInt32());
        // Dispatched a moment ago: not overdue yet, whatever its deadline before the month's end.
        Assert.Equal(0, i.GetProperty("overdue").GetInt32());
        // Nothing closed, nothing handled: closure is 0 of 1, rework undefined (null, not 0).
        Assert.Equal(0.0, Rate(i, "closureRate")!.Value);
        Assert.Null(Rate(i, "reworkRate"));
        Assert.Equal(JsonValueKind.Null, i.GetProperty("meanHandlingHours").ValueKind);

        // The trend has figures up to today and none for the days still ahead (not zeros).
        var points = report.GetProperty("series").GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(30, points.Count);
        Assert.Equal(1, points[1].GetProperty("filed").GetInt32());
        Assert.Equal(0, points[0].GetProperty("filed").GetInt32());
        Assert.All(points.Skip(2), p =>
        {
            Assert.Equal(JsonValueKind.Null, p.GetProperty("filed").ValueKind);
            Assert.Equal(JsonValueKind.Null, p.GetProperty("closed").ValueKind);
        });
    }

    [Fact]
    public async Task A_grid_leader_sees_only_their_grids()
    {
        var village = (await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'leader01' ORDER BY 1 LIMIT 1", Ct))!;
        app.Clock.AdjustTime(Local(4, 7, 10)); // Tuesday 7 April
        var inside = await app.GridWithOfficerAsync(0, inside: village);
        var outside = await app.GridWithOfficerAsync(0, outsideOf: village[..12]);
        using (var command = await app.SignedInAsync("command"))
        {
            await ReportAsync(command, inside.Lat, inside.Lon, "env_dumping", "村内");
            await ReportAsync(command, outside.Lat, outside.Lon, "env_dumping", "村外");
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var all = await command.GetFromJsonAsync<JsonElement>("/api/v1/statistics?from=2026-04-01&to=2026-04-30&by=grid1", Ct);
            Assert.Equal(2, all.GetProperty("total").GetProperty("indicators").GetProperty("filed").GetInt32());
        }

        using var leader = await app.SignedInAsync("leader01");
        foreach (var by in new[] { "grid1", "grid3", "officer", "department" })
        {
            var report = await leader.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?from=2026-04-01&to=2026-04-30&by={by}", Ct);
            Assert.Equal(1, report.GetProperty("total").GetProperty("indicators").GetProperty("filed").GetInt32());
            if (by.StartsWith("grid", StringComparison.Ordinal))
            {
                Assert.All(report.GetProperty("groups").EnumerateArray(), g => Assert.StartsWith(village[..12], g.GetProperty("key").GetString()));
            }

            if (by == "officer" && outside.OfficerId != inside.OfficerId)
            {
                Assert.DoesNotContain(report.GetProperty("groups").EnumerateArray(),
                    g => g.GetProperty("key").GetString() == outside.OfficerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        using var officer = await app.SignedInAsync("officer01");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/statistics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/statistics/monthly.csv?month=2026-04", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/statistics?from=2026-13-01&to=2026-12-31", "from")]
    [InlineData("/api/v1/statistics?from=2026-03-01", "to")]
    [InlineData("/api/v1/statistics?to=2026-03-01", "from")]
    [InlineData("/api/v1/statistics?from=2026-03-10&to=2026-03-01", "to")]
    [InlineData("/api/v1/statistics?from=2025-01-01&to=2026-03-01", "to")]
    [InlineData("/api/v1/statistics?from=2026-03-01&to=2026-03-31&by=street", "by")]
    [InlineData("/api/v1/statistics/monthly.csv?month=2026-13", "month")]
    [InlineData("/api/v1/statistics/monthly.csv?month=november", "month")]
    [InlineData("/api/v1/statistics/monthly.csv", "month")]
    [InlineData("/api/v1/statistics/monthly.csv?month=2026-11&by=x", "by")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string url, string field)
    {
        using var command = await app.SignedInAsync("command");
        var response = await command.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    [Fact]
    public async Task The_monthly_csv_has_a_bom_chinese_or_english_headers_and_a_total_row()
    {
        var (grid, _) = await FileMayCasesAsync();
        app.Clock.AdjustTime(Local(6, 20, 9));
        using var command = await app.SignedInAsync("command");

        var response = await command.GetAsync("/api/v1/statistics/monthly.csv?month=2026-05&by=grid3", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("gridmap-2026-05-grid3.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("attachment; filename=\"gridmap-2026-05-grid3.csv\"", string.Join(";", response.Content.Headers.GetValues("Content-Disposition")));
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("网格编码,三级网格,立案数,作废数,结案数,结案率,按期结案率,", lines[0]);
        Assert.EndsWith(",综合得分,排名", lines[0]);
        var header = lines[0].Split(',');
        var row = lines.Single(l => l.StartsWith(grid + ",", StringComparison.Ordinal)).Split(',');
        string Cell(string[] cells, string heading) => cells[Array.IndexOf(header, heading)];
        Assert.Equal("2", Cell(row, "立案数"));
        Assert.Equal("1", Cell(row, "结案数"));
        Assert.Equal("50.0%", Cell(row, "结案率"));
        Assert.Equal("0.0%", Cell(row, "返工率")); // one case handled, no rework
        Assert.Equal("100.0%", Cell(row, "准确立案率"));
        Assert.Equal("", Cell(row, "出租屋隐患整改率")); // no rental-house hazard: undefined, empty
        var total = lines[^1].Split(',');
        Assert.Equal("", total[0]);
        Assert.Equal("合计", total[1]);
        Assert.Equal("2", Cell(total, "立案数"));
        Assert.Equal(1 + 1 + 1, lines.Length); // heading, the one grid, total

        var english = await command.GetAsync("/api/v1/statistics/monthly.csv?month=2026-05&by=grid3&culture=en", Ct);
        var englishText = Encoding.UTF8.GetString(await english.Content.ReadAsByteArrayAsync(Ct));
        Assert.StartsWith("\uFEFFGrid code,Level-3 grid,Filed,Cancelled,Closed,Closure rate,On-time closure rate,", englishText);
        Assert.Contains("\r\n,Total,2,", englishText);

        // A department label with a comma would be quoted; the Chinese department names are plain,
        // so check that every line has as many fields as the heading (no stray separators).
        var departments = Encoding.UTF8.GetString(await command.GetByteArrayAsync("/api/v1/statistics/monthly.csv?month=2026-05&by=department", Ct));
        var departmentLines = departments.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("部门编码", departmentLines[0].Split(',')[0]);
        Assert.All(departmentLines, l => Assert.Equal(departmentLines[0].Split(',').Length, l.Split(',').Length));
    }

    /// <summary>Two cases on Tuesday 5 May 2026: one handled, checked and closed, one left dispatched.</summary>
    private async Task<(string Grid, long[] Ids)> FileMayCasesAsync()
    {
        app.Clock.AdjustTime(Local(5, 5, 10));
        var place = await app.GridWithOfficerAsync(7);
        using var command = await app.SignedInAsync("command");
        var a = await ReportAsync(command, place.Lat, place.Lon, "env_dumping", "五月 A");
        var b = await ReportAsync(command, place.Lat, place.Lon, "env_dumping", "五月 B");
        await app.HandleAsync(a, place.OfficerId, 501);
        await app.ApplyAsync(a, new CaseCommand(CaseAction.CheckPass, Command));
        await app.ApplyAsync(a, new CaseCommand(CaseAction.Close, Command));
        return (place.Grid, [a, b]);
    }
}
