using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridMap.IntegrationTests.CasesApi;

namespace GridMap.IntegrationTests.Worklist;

/// <summary>
/// The worklist finds cases by number, words, category and report date, shows closed and
/// cancelled ones when asked, names grids, and exports what it shows as CSV. Works in a grid of
/// its own (narrowed with grid=) so the other worklist tests' cases do not show.
/// </summary>
[Collection(WorklistCollection.Name)]
public sealed class WorklistSearchTests(CasesApiApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> FragmentAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/fragments/worklist?" + query, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        return html;
    }

    private static bool Lists(string html, long id) => html.Contains($"data-case-id=\"{id}\"", StringComparison.Ordinal);

    [Fact]
    public async Task Cases_are_found_by_number_words_category_and_date_and_closed_ones_on_request()
    {
        var place = await app.GridWithOfficerAsync(3, inside: await WorklistCases.LeaderVillageAsync(app));
        var start = app.Clock.GetUtcNow();
        using (var first = await app.SignedInAsync("command"))
        {
            _ = await WorklistCases.ReportAsync(first, place.Lat, place.Lon, "fire_wiring", "三楼走廊私拉电线给电动车充电");
        }

        var wiring = await app.Database.ScalarAsync<long>("SELECT max(id) FROM hazard_case", Ct);
        // Two days later (tokens are issued at the clock's "now", so sign in again).
        app.Clock.AdjustTime(start.AddDays(2));
        using var command = await app.SignedInAsync("command");
        using var official = await app.SignedInAsync("official");
        var (dumping, _) = await WorklistCases.ReportAsync(official, place.Lat, place.Lon, "env_dumping", "巷口堆放装修垃圾");
        var cancel = await command.PostAsJsonAsync($"/api/v1/cases/{dumping}/transitions", new { action = "cancel", note = "已自行清理", cancelReason = "invalid" }, Ct);
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync(Ct));
        var (crowd, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "crowd_area", "出租屋人均面积不足");
        try
        {
            var grid = $"grid={place.Grid}";
            var open = await FragmentAsync(command, grid);
            Assert.True(Lists(open, wiring) && Lists(open, crowd));
            Assert.False(Lists(open, dumping)); // cancelled: not open

            // Words of the description, all of them; any part of the number.
            var words = await FragmentAsync(command, $"{grid}&q={Uri.EscapeDataString("私拉 充电")}");
            Assert.True(Lists(words, wiring) && !Lists(words, crowd));
            var number = await app.Database.ScalarAsync<string>($"SELECT number FROM hazard_case WHERE id = {crowd}", Ct);
            var byNumber = await FragmentAsync(command, $"{grid}&q={number![^6..]}");
            Assert.True(Lists(byNumber, crowd) && !Lists(byNumber, wiring));

            // A category (all its sub-categories) or one sub-category.
            var fire = await FragmentAsync(command, $"{grid}&category=fire_safety");
            Assert.True(Lists(fire, wiring) && !Lists(fire, crowd));
            var area = await FragmentAsync(command, $"{grid}&category=crowd_area");
            Assert.True(Lists(area, crowd) && !Lists(area, wiring));

            // Reported on the first day only (the district's calendar days).
            var day = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd");
            var firstDay = await FragmentAsync(command, $"{grid}&from={day}&to={day}");
            Assert.True(Lists(firstDay, wiring) && !Lists(firstDay, crowd));

            // Closed and cancelled on request, with their own tab, and grids by name.
            var all = await FragmentAsync(command, $"{grid}&closed=1");
            Assert.True(Lists(all, wiring) && Lists(all, crowd) && Lists(all, dumping));
            Assert.Contains("data-testid=\"worklist-count-cancelled\"", all);
            var gridName = await app.Database.ScalarAsync<string>($"SELECT name FROM grid WHERE code = '{place.Grid}' AND valid_to IS NULL", Ct);
            Assert.Contains(gridName!, all);

            // Malformed values fall back to no filter rather than an error.
            var odd = await FragmentAsync(command, $"{grid}&from=yesterday&category=DROP%20TABLE&q=%00");
            Assert.True(Lists(odd, wiring) && Lists(odd, crowd));
        }
        finally
        {
            app.Clock.AdjustTime(start);
        }
    }

    [Fact]
    public async Task The_export_is_the_filtered_list_as_csv_in_the_readers_language()
    {
        var place = await app.GridWithOfficerAsync(4, inside: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var (wiring, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "fire_wiring", "一楼私拉电线");
        var (crowd, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "crowd_area", "人均面积不足");
        var number = await app.Database.ScalarAsync<string>($"SELECT number FROM hazard_case WHERE id = {wiring}", Ct);
        var other = await app.Database.ScalarAsync<string>($"SELECT number FROM hazard_case WHERE id = {crowd}", Ct);

        var response = await command.GetAsync($"/worklist/export.csv?grid={place.Grid}&category=fire_wiring", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("案卷号,事件小类,网格,网格编码,状态,", lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith(number!, StringComparison.Ordinal));
        Assert.Contains($",{place.Grid},", row);
        Assert.Contains("电气线路私拉乱接", row); // the sub-category's name
        Assert.DoesNotContain(lines, l => l.StartsWith(other!, StringComparison.Ordinal)); // filtered out by category

        var english = await command.GetAsync($"/worklist/export.csv?grid={place.Grid}&culture=en", Ct);
        Assert.StartsWith("Number,Sub-category,", (await english.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF'));

        using var officer = await app.SignedInAsync("officer01");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/worklist/export.csv", Ct)).StatusCode);
    }
}
