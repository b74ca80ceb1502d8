using System.Text.Json;
using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>The printable rectification notice in Chromium, on screen and as printed.</summary>
public sealed class RectificationNoticePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_notice_prints_on_a_sheet_with_the_landlord_the_basis_and_the_receipt()
    {
        await using var query = fixture.Database.DataSource.CreateCommand(
            """
            SELECT b.id, ST_Y(ST_PointOnSurface(b.footprint)), ST_X(ST_PointOnSurface(b.footprint)), r.landlord_name, r.landlord_id_number
            FROM building b JOIN rental_house r ON r.building_id = b.id
            JOIN grid g ON g.code = b.grid_code AND g.valid_to IS NULL AND ST_Contains(g.boundary, ST_PointOnSurface(b.footprint))
            ORDER BY b.id LIMIT 1
            """);
        await using var reader = await query.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var (building, lat, lon, landlord, idNumber) = (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetString(3), reader.GetString(4));
        await reader.DisposeAsync();

        var page = await fixture.SignInAsync("command");
        var api = page.Context.APIRequest;
        var reported = await api.PostAsync(fixture.BaseUrl + "/api/v1/cases", new()
        {
            DataObject = new { lat, lon, category = "fire_ebike_indoor", description = "一楼楼道停放4辆电动自行车，插线板飞线充电", buildingId = building, confirmNotDuplicate = true },
        });
        Assert.True(reported.Ok, await reported.TextAsync());
        var caseId = JsonDocument.Parse(await reported.TextAsync()).RootElement.GetProperty("id").GetInt64();
        var issued = await api.PostAsync($"{fixture.BaseUrl}/api/v1/cases/{caseId}/rectification-notices", new() { DataObject = new { workingDays = 3 } });
        Assert.True(issued.Ok, await issued.TextAsync());
        var printUrl = JsonDocument.Parse(await issued.TextAsync()).RootElement.GetProperty("printUrl").GetString();

        await page.GotoAsync(fixture.BaseUrl + printUrl);
        var sheet = page.GetByTestId("notice");
        await Assertions.Expect(sheet).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("notice-addressee")).ToContainTextAsync(landlord);
        await Assertions.Expect(page.GetByTestId("notice-basis")).ToContainTextAsync("《中华人民共和国消防法》第二十八条");
        await Assertions.Expect(page.GetByTestId("notice-requirements")).ToContainTextAsync("立即将电动自行车");
        await Assertions.Expect(page.GetByTestId("notice-receipt")).ToContainTextAsync("回");
        await Assertions.Expect(page.GetByTestId("notice-print")).ToBeVisibleAsync();
        // The title goes to the tab, not onto the sheet.
        Assert.StartsWith("整改通知书", await page.TitleAsync());
        Assert.DoesNotContain("GridMap", await page.Locator("body").InnerTextAsync());
        Assert.DoesNotContain(idNumber, await page.ContentAsync());
        // An A4 sheet at 96 dpi is 794 px wide.
        var box = await sheet.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width, 780, 810);
        await page.ScreenshotAsync(new() { Path = Screenshot("rectification-notice.png"), FullPage = true });

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByTestId("notice-toolbar")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("rectification-notice-print.png"), FullPage = true });

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GotoAsync(fixture.BaseUrl + printUrl + "?culture=en&ui-culture=en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rectification Notice");
        await page.ScreenshotAsync(new() { Path = Screenshot("rectification-notice-en.png"), FullPage = true });
    }
}
