using System.Net.Http.Json;
using System.Text.Json;
using GridMap.BrowserTests.Infrastructure;
using GridMap.Web.Departments;
using Microsoft.Extensions.DependencyInjection;

namespace GridMap.BrowserTests;

/// <summary>An administrator points a department at its webhook, then finds a failed delivery and retries it.</summary>
public sealed class AdminNotificationsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    // Nothing listens on the discard port: a delivery there is refused.
    private const string UnreachableUrl = "http://127.0.0.1:9/gridmap/utilities";

    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Files a missing manhole cover (utilities and urban are responsible) as the command centre: dispatched at once.</summary>
    private async Task<long> FileCaseAsync()
    {
        await using var place = fixture.Database.DataSource.CreateCommand(
            """
            SELECT ST_Y(p), ST_X(p)
            FROM grid g
            CROSS JOIN LATERAL (SELECT ST_PointOnSurface(g.boundary) AS p) s
            WHERE g.level = 3 AND g.valid_to IS NULL
              AND NOT EXISTS (SELECT 1 FROM building b WHERE ST_DWithin(b.footprint::geography, s.p::geography, 15))
            ORDER BY g.code LIMIT 1
            """);
        await using var reader = await place.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var (lat, lon) = (reader.GetDouble(0), reader.GetDouble(1));

        using var api = await fixture.ApiClientAsync("command", Ct);
        var response = await api.PostAsJsonAsync("/api/v1/cases", new { lat, lon, category = "env_manhole_missing", description = "井盖缺失，井口敞开" }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Admin_sets_a_departments_notification_url_then_retries_a_failed_delivery()
    {
        var page = await fixture.SignInAsync("admin");
        await page.GotoAsync(fixture.BaseUrl + "/admin/taxonomy?department=utilities#departments");
        var row = page.Locator("tr[data-department='utilities']");
        Assert.Contains("控制台收件箱", await row.Locator("[data-testid=notify-url]").InnerTextAsync());

        // Not an http(s) URL: refused next to the field, nothing saved.
        await page.FillAsync("#dept-notify-url", "ftp://files.example.org/in");
        await page.ClickAsync("[data-testid=rename-department] button[type=submit]");
        var error = page.Locator("[data-error-for='notifyUrl']");
        await error.WaitForAsync();
        Assert.Contains("http", await error.InnerTextAsync());
        Assert.Contains("控制台收件箱", await row.Locator("[data-testid=notify-url]").InnerTextAsync());
        await page.Locator("[data-testid=rename-department]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-department-notify-url-refused.png") });

        await page.FillAsync("#dept-notify-url", UnreachableUrl);
        await page.ClickAsync("[data-testid=rename-department] button[type=submit]");
        await page.Locator("[data-testid=admin-message].alert-success").WaitForAsync();
        Assert.Equal(UnreachableUrl, (await row.Locator("[data-testid=notify-url]").InnerTextAsync()).Trim());
        await page.Locator("#departments").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-department-notify-url.png") });

        // A dispatch whose delivery to that URL has failed for good (as after the notifier's last attempt).
        var caseId = await FileCaseAsync();
        await fixture.App.Services.GetRequiredService<DepartmentNotifier>().CollectAsync(Ct);
        var id = await fixture.Database.ScalarAsync<long>(
            $"""
            UPDATE department_notification
            SET status = 'failed', attempts = 6, next_attempt_at = NULL, last_error = 'Connection refused (127.0.0.1:9)'
            WHERE case_id = {caseId} AND department_code = 'utilities' RETURNING id
            """, Ct);
        Assert.True(id > 0);

        await page.ClickAsync("[data-testid=nav-notifications]");
        await page.WaitForURLAsync(url => url.Contains("/admin/notifications"));
        await page.SelectOptionAsync("#filter-status", "failed");
        await page.ClickAsync("[data-testid=notification-filter] button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("status=failed"));
        var failed = page.Locator($"tr[data-notification='{id}']");
        await failed.WaitForAsync();
        Assert.Equal("投递失败", (await failed.Locator("[data-testid=status]").InnerTextAsync()).Trim());
        Assert.Equal("6", (await failed.Locator("[data-testid=attempts]").InnerTextAsync()).Trim());
        Assert.Contains("Connection refused", await failed.Locator("[data-testid=last-error]").InnerTextAsync());
        Assert.Contains(UnreachableUrl, await failed.InnerTextAsync());
        Assert.Equal($"/?sel=case:{caseId}", await failed.Locator("[data-testid=case-link]").GetAttributeAsync("href"));
        Assert.Contains("共 1 条", await page.Locator("[data-testid=notification-total]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-notifications-failed.png"), FullPage = true });

        await failed.Locator("[data-testid=retry]").ClickAsync();
        var message = page.Locator("[data-testid=admin-message]");
        await message.WaitForAsync();
        Assert.Contains("已重新发送", await message.InnerTextAsync());
        // No longer failed: it left the failed list and is back with the notifier, retried by admin.
        Assert.Equal(0, await page.Locator($"tr[data-notification='{id}']").CountAsync());

        await page.GotoAsync(fixture.BaseUrl + "/admin/notifications?department=utilities");
        var retried = page.Locator($"tr[data-notification='{id}']");
        await retried.WaitForAsync();
        // The notifier may already have tried it again (the URL is still unreachable): pending either way.
        Assert.Equal("pending", await retried.GetAttributeAsync("data-status"));
        Assert.Contains("admin", await retried.Locator("[data-testid=retried]").InnerTextAsync());
        Assert.Equal(0, await retried.Locator("[data-testid=retry]").CountAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-notifications-retried.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
