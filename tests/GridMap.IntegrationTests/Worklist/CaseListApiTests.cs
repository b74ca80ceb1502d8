using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.CasesApi;

namespace GridMap.IntegrationTests.Worklist;

/// <summary>
/// The list API's worklist parameters (sort, overdue, nearing, unassigned, gridPrefix, limit,
/// offset). Each test works in a grid of its own, narrowed with gridPrefix, so cases of other
/// tests do not show.
/// </summary>
[Collection(WorklistCollection.Name)]
public sealed class CaseListApiTests(CasesApiApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(List<JsonElement> Items, int Total)> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/cases?" + query, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single());
        return (JsonDocument.Parse(text).RootElement.EnumerateArray().ToList(), total);
    }

    private static List<long> Ids(IEnumerable<JsonElement> items) => items.Select(i => i.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task Sorts_by_deadline_reported_time_and_state_and_pages_in_sql()
    {
        var place = await app.GridWithOfficerAsync(0, inside: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        using var official = await app.SignedInAsync("official");
        // Dispatched by rule with handling limits of 1, 10 and 3 working days; one left reported.
        // A minute apart, so "reported" has an order of its own (the clock is put back after).
        var step = TimeSpan.FromMinutes(1);
        var (ebike, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "fire_ebike_indoor", "电动车室内充电");
        app.Clock.Advance(step);
        var (crowd, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "crowd_area", "人均面积不足");
        app.Clock.Advance(step);
        var (wiring, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "fire_wiring", "私拉电线");
        app.Clock.Advance(step);
        var (reported, _) = await WorklistCases.ReportAsync(official, place.Lat, place.Lon, "env_dumping", "乱倒垃圾");
        app.Clock.AdjustTime(app.Clock.GetUtcNow() - 3 * step);

        var byDeadline = await ListAsync(command, $"gridPrefix={place.Grid}");
        // The report's 4-working-hour verification clock ends first; then 1, 3 and 10 working days.
        Assert.Equal([reported, ebike, wiring, crowd], Ids(byDeadline.Items));
        Assert.Equal(4, byDeadline.Total);

        var byState = await ListAsync(command, $"gridPrefix={place.Grid}&sort=state");
        Assert.Equal(reported, Ids(byState.Items)[0]);

        var byReported = await ListAsync(command, $"gridPrefix={place.Grid}&sort=reported");
        Assert.Equal([reported, wiring, crowd, ebike], Ids(byReported.Items));

        var page2 = await ListAsync(command, $"gridPrefix={place.Grid}&limit=2&offset=2");
        Assert.Equal([wiring, crowd], Ids(page2.Items));
        Assert.Equal(4, page2.Total);
        var past = await ListAsync(command, $"gridPrefix={place.Grid}&limit=2&offset=10");
        Assert.Empty(past.Items);
        Assert.Equal(4, past.Total);

        var unassigned = await ListAsync(command, $"gridPrefix={place.Grid}&unassigned=true");
        Assert.Equal([reported], Ids(unassigned.Items));
    }

    [Fact]
    public async Task Overdue_and_nearing_are_read_on_each_limits_own_clock()
    {
        var place = await app.GridWithOfficerAsync(1, inside: await WorklistCases.LeaderVillageAsync(app));
        using var official = await app.SignedInAsync("official");
        using var command = await app.SignedInAsync("command");
        // Reported at Tuesday 10:00 and left for verification: 2 and 4 working hours.
        var (two, _) = await WorklistCases.ReportAsync(official, place.Lat, place.Lon, "fire_escape_blocked", "通道堵塞");
        var (four, _) = await WorklistCases.ReportAsync(official, place.Lat, place.Lon, "sec_access_control", "门禁损坏");
        var moved = TimeSpan.FromHours(5.5);
        app.Clock.Advance(moved);
        try
        {
            // 15:30: 2 h of morning and 1.5 h of afternoon working time used. The 2-hour limit ran
            // out at 12:00; the 4-hour one has 3.5 of 4 used (≥ 80%) and is nearing, not overdue.
            var overdue = await ListAsync(command, $"gridPrefix={place.Grid}&overdue=true");
            Assert.Equal([two], Ids(overdue.Items));
            Assert.True(overdue.Items[0].GetProperty("overdue").GetBoolean());

            var nearing = await ListAsync(command, $"gridPrefix={place.Grid}&nearing=true");
            Assert.Equal([four], Ids(nearing.Items));
        }
        finally
        {
            app.Clock.AdjustTime(app.Clock.GetUtcNow() - moved);
        }

        // At 10:00 neither is.
        Assert.Empty((await ListAsync(command, $"gridPrefix={place.Grid}&nearing=true")).Items);
        Assert.Empty((await ListAsync(command, $"gridPrefix={place.Grid}&overdue=true")).Items);
    }

    [Fact]
    public async Task Bad_parameters_are_refused_naming_the_parameter()
    {
        using var command = await app.SignedInAsync("command");
        foreach (var (query, field) in new[]
                 {
                     ("sort=urgency", "sort"), ("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset"),
                     ("gridPrefix=44x", "gridPrefix"), ("state=open", "state"),
                     ("category=Fire%20Safety", "category"), ("reportedFrom=yesterday", "reportedFrom"),
                     ("reportedBefore=2026-13-40", "reportedBefore"), ("q=" + new string('x', 101), "q"),
                 })
        {
            var response = await command.GetAsync("/api/v1/cases?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {body}");
        }
    }

    [Fact]
    public async Task Cases_are_found_by_words_category_and_report_time()
    {
        var place = await app.GridWithOfficerAsync(5, inside: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var reportedAt = app.Clock.GetUtcNow();
        var (wiring, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "fire_wiring", "二楼楼梯间私拉电线");
        var (crowd, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "crowd_area", "隔断间人均面积不足");
        var grid = $"gridPrefix={place.Grid}";

        Assert.Equal([wiring], Ids((await ListAsync(command, $"{grid}&q={Uri.EscapeDataString("楼梯间 电线")}")).Items));
        Assert.Equal([crowd], Ids((await ListAsync(command, $"{grid}&category=overcrowding")).Items));
        Assert.Equal([wiring], Ids((await ListAsync(command, $"{grid}&category=fire_wiring")).Items));
        var from = Uri.EscapeDataString(reportedAt.ToString("O"));
        Assert.Equal(2, (await ListAsync(command, $"{grid}&reportedFrom={from}")).Total);
        Assert.Equal(0, (await ListAsync(command, $"{grid}&reportedBefore={from}")).Total);
    }
}
