using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Web.Departments;

namespace GridMap.IntegrationTests.Rectification;

/// <summary>
/// The department outbox: one notification per dispatch (or reassign) and department however
/// often and however concurrently the notifier runs; webhook delivery with retry; the inbox API.
/// </summary>
public sealed class DepartmentNotificationTests(RectificationApp app) : IClassFixture<RectificationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> CountAsync(long caseId, string? action = null) => await app.Database.ScalarAsync<long>(
        $"SELECT count(*) FROM department_notification WHERE case_id = {caseId}" + (action is null ? "" : $" AND action = '{action}'"), Ct);

    [Fact]
    public async Task A_dispatch_notifies_each_department_once_however_often_and_concurrently_the_notifier_runs()
    {
        var place = await app.RentalAsync(0);
        using var command = await app.SignedInAsync("command");
        // Unsafe wiring: fire and street are responsible; neither has a webhook here.
        var caseId = await app.ReportAsync(command, place, "fire_wiring", "电线私拉乱接");
        var notifier = app.Service<DepartmentNotifier>();

        await notifier.RunOnceAsync(Ct);
        await notifier.RunOnceAsync(Ct);
        Assert.Equal(2, await CountAsync(caseId));

        var second = await app.ReportAsync(command, place, "fire_ebike_indoor", "电动车入户充电");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => notifier.CollectAsync(Ct)));
        Assert.Equal(2, await CountAsync(second));

        // A reassign notifies again, once.
        var officer = await app.Database.ScalarAsync<long>(
            $"SELECT a.officer_id FROM officer_assignment a WHERE a.grid_code = '{place.Grid}' AND a.role = 'grid_officer' AND a.officer_id <> (SELECT assignee_officer_id FROM hazard_case WHERE id = {caseId}) ORDER BY 1 LIMIT 1", Ct);
        if (officer == 0)
        {
            officer = await app.Database.ScalarAsync<long>($"SELECT min(id) FROM officer WHERE id <> (SELECT assignee_officer_id FROM hazard_case WHERE id = {caseId})", Ct);
        }

        var reassign = await command.PostAsJsonAsync($"/api/v1/cases/{caseId}/transitions", new { action = "reassign", note = "熟悉该楼", assigneeOfficerId = officer }, Ct);
        Assert.Equal(HttpStatusCode.OK, reassign.StatusCode);
        await Task.WhenAll(notifier.CollectAsync(Ct), notifier.CollectAsync(Ct));
        Assert.Equal(2, await CountAsync(caseId, "reassign"));
        Assert.Equal(4, await CountAsync(caseId));

        var rows = (await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/notifications", Ct)).EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("recorded", r.GetProperty("status").GetString()));
        Assert.Equal(["fire", "street"], rows.Select(r => r.GetProperty("department").GetString()).Distinct().Order());

        var inbox = (await command.GetFromJsonAsync<JsonElement>("/api/v1/departments/street/notifications", Ct)).EnumerateArray();
        Assert.Contains(inbox, r => r.GetProperty("caseId").GetInt64() == caseId && r.GetProperty("action").GetString() == "reassign");

        using var leader = await app.SignedInAsync("leader01");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/v1/departments/street/notifications", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await command.GetAsync("/api/v1/departments/nobody/notifications", Ct)).StatusCode);
        var stranger = await app.LeaderOutsideAsync(place.Grid);
        using var outsider = await app.SignedInAsync(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/cases/{caseId}/notifications", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_webhook_gets_the_case_summary_and_a_failure_is_retried_after_the_backoff()
    {
        await using var hook = await WebhookReceiver.StartAsync(failFirst: 1);
        // Balconies let as rooms: housing alone is responsible, and only this test uses it.
        await app.Database.ScalarAsync<int>($"UPDATE department SET notify_url = '{hook.Url}' WHERE code = 'housing' RETURNING 1", Ct);
        var place = await app.RentalAsync(1);
        using var command = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(command, place, "crowd_balcony", "阳台改作卧室出租");
        var notifier = app.Service<DepartmentNotifier>();

        var first = await notifier.RunOnceAsync(Ct);
        Assert.Equal((0, 1), (first.Delivered, first.Failed));
        var row = (await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/notifications", Ct)).EnumerateArray().Single();
        Assert.Equal("pending", row.GetProperty("status").GetString());
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
        Assert.Contains("500", row.GetProperty("lastError").GetString());
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), row.GetProperty("nextAttemptAt").GetDateTimeOffset());

        // Not before the backoff has passed.
        Assert.Equal((0, 0), ((await notifier.RunOnceAsync(Ct)).Delivered, (await notifier.RunOnceAsync(Ct)).Failed));
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var second = await notifier.RunOnceAsync(Ct);
        Assert.Equal((1, 0), (second.Delivered, second.Failed));
        Assert.Equal(0, (await notifier.RunOnceAsync(Ct)).Delivered);

        using var later = await app.SignedInAsync("command");
        row = (await later.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/notifications", Ct)).EnumerateArray().Single();
        Assert.Equal("delivered", row.GetProperty("status").GetString());
        Assert.Equal(2, row.GetProperty("attempts").GetInt32());

        Assert.Equal(2, hook.Bodies.Count);
        var body = JsonDocument.Parse(hook.Bodies.Last()).RootElement;
        Assert.Equal(row.GetProperty("id").GetInt64().ToString(), hook.NotificationIds.Last());
        Assert.Equal("dispatch", body.GetProperty("event").GetString());
        Assert.Equal("housing", body.GetProperty("department").GetProperty("code").GetString());
        var summary = body.GetProperty("case");
        Assert.Equal(caseId, summary.GetProperty("id").GetInt64());
        Assert.Matches(@"^\d{9}-\d{8}-\d{4}$", summary.GetProperty("number").GetString());
        Assert.Equal("crowd_balcony", summary.GetProperty("subcategory").GetString());
        Assert.Equal("阳台、厨卫改作居室", summary.GetProperty("subcategoryName").GetString());
        Assert.Equal("medium", summary.GetProperty("severity").GetString());
        Assert.Equal(place.Grid, summary.GetProperty("gridCode").GetString());
        Assert.Equal(place.Lat, summary.GetProperty("location").GetProperty("lat").GetDouble(), 9);
        Assert.Equal(place.Address, summary.GetProperty("location").GetProperty("address").GetString());
        Assert.EndsWith("Z", summary.GetProperty("deadline").GetString());
        Assert.Equal($"https://gridmap.example.org/api/v1/cases/{caseId}", summary.GetProperty("link").GetString());
        // No personal data of residents or landlords.
        Assert.DoesNotContain(place.LandlordName, hook.Bodies.Last());
        Assert.DoesNotContain(place.LandlordPhone, hook.Bodies.Last());
        Assert.DoesNotContain("description", hook.Bodies.Last());
    }
}
