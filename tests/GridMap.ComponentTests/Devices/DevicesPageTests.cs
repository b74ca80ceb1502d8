using AngleSharp.Dom;
using Bunit;
using GridMap.Web.Components.Pages.Admin;
using Microsoft.Extensions.Time.Testing;

namespace GridMap.ComponentTests.Devices;

/// <summary>
/// /admin/devices with real clicks and typing: server-side paging and search over the demo
/// district's devices, and the registration dialog's field errors.
/// </summary>
public sealed class DevicesPageTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // Any day: the page's relative times come from this clock, and the test's rows from it too.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero));

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static List<string> DeviceIds(IRenderedComponent<Web.Components.Pages.Admin.Devices> page) =>
        page.FindAll("code[data-device]").Select(e => e.GetAttribute("data-device")!).ToList();

    private async Task<long> DeviceCountAsync() =>
        await database.Database.ScalarAsync<long>("SELECT count(*) FROM device", Ct);

    [Fact]
    public async Task Lists_one_page_of_25_with_the_total_and_pages_on_in_device_order()
    {
        await using var ctx = new DevicesPageContext(database, time);
        var total = await DeviceCountAsync();

        var page = ctx.Render<Web.Components.Pages.Admin.Devices>();

        page.WaitForAssertion(() => Assert.Equal(25, DeviceIds(page).Count), Wait);
        Assert.Contains($"共 {total} 台终端", page.Find("[data-testid=device-count]").TextContent);
        var first = DeviceIds(page);
        Assert.Equal(first.Order(StringComparer.Ordinal), first);

        await page.InvokeAsync(() => page.Find("button[aria-label='下一页']").Click());

        page.WaitForAssertion(() => Assert.NotEqual(first, DeviceIds(page)), Wait);
        var second = DeviceIds(page);
        Assert.Equal(25, second.Count);
        Assert.Empty(second.Intersect(first));
        Assert.True(string.CompareOrdinal(second[0], first[^1]) > 0, "the second page continues after the first");
    }

    [Fact]
    public async Task Sorting_by_officer_is_done_by_the_database_across_all_pages()
    {
        await using var ctx = new DevicesPageContext(database, time);
        var ascending = await FirstPageAsync("o.name, d.device_id");
        var descending = await FirstPageAsync("o.name DESC, d.device_id");
        var page = ctx.Render<Web.Components.Pages.Admin.Devices>();
        page.WaitForAssertion(() => Assert.Equal(25, DeviceIds(page).Count), Wait);

        await page.InvokeAsync(() => page.FindAll(".sortable-column-header").First(h => h.TextContent.Contains("人员")).Click());
        page.WaitForAssertion(() => Assert.Equal(ascending, DeviceIds(page)), Wait);

        // Descending: the officers at the end of the whole list come first.
        await page.InvokeAsync(() => page.FindAll(".sortable-column-header").First(h => h.TextContent.Contains("人员")).Click());
        page.WaitForAssertion(() => Assert.Equal(descending, DeviceIds(page)), Wait);
    }

    private async Task<List<string>> FirstPageAsync(string orderBy)
    {
        var ids = new List<string>();
        await using var command = database.DataSource.CreateCommand(
            $"SELECT d.device_id FROM device d JOIN officer o ON o.id = d.officer_id ORDER BY {orderBy} LIMIT 25");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    [Fact]
    public async Task Search_by_officer_name_narrows_the_list_to_that_officers_devices()
    {
        await using var ctx = new DevicesPageContext(database, time);
        var name = await database.Database.ScalarAsync<string>(
            "SELECT o.name FROM device d JOIN officer o ON o.id = d.officer_id ORDER BY d.device_id OFFSET 40 LIMIT 1", Ct);
        var expected = await database.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM device d JOIN officer o ON o.id = d.officer_id WHERE o.name LIKE '%{name}%'", Ct);
        var page = ctx.Render<Web.Components.Pages.Admin.Devices>();
        page.WaitForAssertion(() => Assert.Equal(25, DeviceIds(page).Count), Wait);

        await page.InvokeAsync(() => page.Find("input[data-testid=device-search]").Input(name));
        // The search field debounces on the registered TimeProvider, this test's clock.
        time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Contains($"共 {expected} 台终端", page.Find("[data-testid=device-count]").TextContent), Wait);
        var rows = page.FindAll("tbody tr.mud-table-row").Where(r => r.QuerySelector("code[data-device]") is not null).ToList();
        Assert.Equal((int)Math.Min(expected, 25), rows.Count);
        Assert.All(rows, r => Assert.Contains(name!, r.TextContent));
    }

    [Fact]
    public async Task Search_by_grid_name_finds_devices_of_that_grid_and_rows_show_the_grid_name_with_its_code()
    {
        await using var ctx = new DevicesPageContext(database, time);
        var page = ctx.Render<Web.Components.Pages.Admin.Devices>();
        page.WaitForAssertion(() => Assert.Equal(25, DeviceIds(page).Count), Wait);
        var gridCell = page.FindAll("tbody tr.mud-table-row")[0].QuerySelectorAll("td")[1];
        var gridName = gridCell.QuerySelector("div")!.TextContent.Trim();
        var gridCode = gridCell.QuerySelector(".gm-device-secondary")!.TextContent.Trim();
        Assert.Matches("^[0-9]{12,17}$", gridCode);
        Assert.NotEqual(gridCode, gridName);

        await page.InvokeAsync(() => page.Find("input[data-testid=device-search]").Input(gridName));
        // The search field debounces on the registered TimeProvider, this test's clock.
        time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() =>
        {
            var cells = page.FindAll("tr.mud-table-row td:nth-child(2) div:first-child");
            Assert.NotEmpty(cells);
            Assert.All(cells, c => Assert.Contains(gridName, c.TextContent));
        }, Wait);
    }

    [Fact]
    public async Task Last_seen_is_relative_with_battery_and_live_state_from_the_devices_last_report()
    {
        var device = await database.Database.ScalarAsync<string>("SELECT device_id FROM device ORDER BY device_id LIMIT 1", Ct);
        await using (var insert = database.DataSource.CreateCommand(
            """
            INSERT INTO officer_latest (officer_id, device_id, time, lat, lon, battery)
            SELECT officer_id, device_id, @time, 23.1, 113.3, 76 FROM device WHERE device_id = @device
            ON CONFLICT (officer_id) DO UPDATE SET device_id = EXCLUDED.device_id, time = EXCLUDED.time, battery = EXCLUDED.battery
            """))
        {
            insert.Parameters.AddWithValue("time", time.GetUtcNow().AddMinutes(-3).UtcDateTime);
            insert.Parameters.AddWithValue("device", device!);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await using var ctx = new DevicesPageContext(database, time);
        var page = ctx.Render<Web.Components.Pages.Admin.Devices>();

        page.WaitForAssertion(() => Assert.Contains(device!, DeviceIds(page)), Wait);
        var row = page.FindAll("tbody tr.mud-table-row").Single(r => r.QuerySelector($"code[data-device='{device}']") is not null);
        Assert.Contains("3 分钟前", row.TextContent);
        Assert.Contains("76%", row.TextContent);
        Assert.Equal("stale", row.QuerySelector("[data-state]")!.GetAttribute("data-state"));
        var never = page.FindAll("tbody tr.mud-table-row").First(r => r.QuerySelector($"code[data-device='{device}']") is null);
        Assert.Contains("从未上报", never.TextContent);
    }

    [Fact]
    public async Task The_dialog_refuses_without_an_officer_and_shows_every_field_error_in_the_users_language()
    {
        await using var ctx = new DevicesPageContext(database, time);
        var page = ctx.Render<Web.Components.Pages.Admin.Devices>();
        page.WaitForAssertion(() => Assert.Equal(25, DeviceIds(page).Count), Wait);
        var before = await DeviceCountAsync();

        await page.InvokeAsync(() => page.Find("[data-testid=device-register]").Click());
        ctx.Providers.WaitForElement("[data-testid=device-submit]", Wait);
        await ctx.Providers.InvokeAsync(() => ctx.Providers.Find("[data-testid=device-submit]").Click());

        // Both fields wrong: both errors at once, next to their fields.
        ctx.Providers.WaitForAssertion(() =>
        {
            Assert.Contains("终端编号须为 1 至 64 个字母", Helper(ctx, "device-id"));
            Assert.Contains("请选择人员", Helper(ctx, "device-officer"));
        }, Wait);

        await ctx.Providers.InvokeAsync(() => ctx.Providers.Find("input[data-testid=device-id]").Input("phone-without-officer"));
        await ctx.Providers.InvokeAsync(() => ctx.Providers.Find("[data-testid=device-submit]").Click());

        ctx.Providers.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("终端编号须为", Helper(ctx, "device-id"));
            Assert.Contains("请选择人员", Helper(ctx, "device-officer"));
        }, Wait);
        Assert.Equal(before, await DeviceCountAsync());
        Assert.NotNull(ctx.Providers.Find("[data-testid=device-submit]"));
    }

    [Fact]
    public async Task In_english_the_field_error_is_english()
    {
        await using var ctx = new DevicesPageContext(database, time, "en");
        var page = ctx.Render<Web.Components.Pages.Admin.Devices>();
        page.WaitForAssertion(() => Assert.Equal(25, DeviceIds(page).Count), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=device-register]").Click());
        ctx.Providers.WaitForElement("input[data-testid=device-id]", Wait);
        await ctx.Providers.InvokeAsync(() => ctx.Providers.Find("input[data-testid=device-id]").Input("phone-1"));
        await ctx.Providers.InvokeAsync(() => ctx.Providers.Find("[data-testid=device-submit]").Click());

        ctx.Providers.WaitForAssertion(() => Assert.Contains("Choose an officer.", Helper(ctx, "device-officer")), Wait);
        Assert.Equal(0, await database.Database.ScalarAsync<long>("SELECT count(*) FROM device WHERE device_id = 'phone-1'", Ct));
    }

    // The text under a field: its helper text or its error.
    private static string Helper(DevicesPageContext ctx, string field) =>
        ctx.Providers.Find($"input[data-testid={field}]").Closest(".mud-input-control")!.TextContent;
}
