using System.Net;
using GridMap.IntegrationTests.Mobile;

namespace GridMap.IntegrationTests.Web;

/// <summary>
/// The server-rendered pages that load several things answer 200 when many requests arrive at
/// once. Static rendering renders a page once while it is still loading; a page that rendered
/// from a half-loaded field answered 500 whenever a database call completed asynchronously,
/// which concurrency makes likely (LoadingPage).
/// </summary>
public sealed class ServerPagesUnderConcurrencyTests(MobileApiApp app) : IClassFixture<MobileApiApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_that_load_several_things_answer_200_under_concurrent_requests()
    {
        string[] pages =
        [
            "/admin/calendar?year=2026",
            "/admin/calendar?year=2026&day=2026-12-07",
            "/admin/taxonomy",
            "/admin/taxonomy/subcategories/fire_ebike_indoor",
            "/admin/rectification",
            "/admin/rectification/bases/fire_ebike_indoor",
            "/admin/notifications",
            "/statistics",
        ];
        using var admin = await app.CookieSignedInAsync("admin");
        var failures = new List<string>();
        for (var round = 0; round < 15; round++)
        {
            await Task.WhenAll(pages.Select(async page =>
            {
                using var response = await admin.GetAsync(page, Ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    lock (failures)
                    {
                        failures.Add($"{page}: {(int)response.StatusCode}");
                    }
                }
            }));
        }

        var errors = app.Log.Drain()
            .Where(e => e.Contains("Exception", StringComparison.Ordinal)).Take(1);
        Assert.True(failures.Count == 0, $"{failures.Count} failed: {string.Join(", ", failures.Distinct().Take(8))}\n{string.Join('\n', errors)}");
    }
}
