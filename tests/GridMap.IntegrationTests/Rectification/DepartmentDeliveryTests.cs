using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using GridMap.Web.Departments;
using Microsoft.Extensions.Options;

namespace GridMap.IntegrationTests.Rectification;

/// <summary>
/// Where a department takes notifications (set by an administrator) and the delivery view of
/// the command centre and administrators: a delivery to an unreachable URL ends failed, a retry
/// hands it back to the notifier with who asked recorded, and it is delivered once the URL works.
/// </summary>
public sealed class DepartmentDeliveryTests(RectificationApp app) : IClassFixture<RectificationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null) =>
        client.SendJsonAsync(method, url, body);

    private Task<string?> NotifyUrlAsync(string department) =>
        app.Database.ScalarAsync<string?>($"SELECT notify_url FROM department WHERE code = '{department}'", Ct);

    /// <summary>A local URL nobody listens on: the connection is refused at once.</summary>
    private static string UnreachableUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/hooks/nobody-home";
    }

    [Fact]
    public async Task An_administrator_sets_and_clears_a_departments_notification_url_and_a_bad_one_is_refused_naming_notifyUrl()
    {
        using var admin = await app.SignedInAsync("admin");
        const string url = "https://cgzf.example.gov.cn/gridmap/notify?token=abc123";

        var (saved, body) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/urban", new { notifyUrl = url });
        Assert.Equal(HttpStatusCode.OK, saved);
        Assert.Equal(url, body.GetProperty("notifyUrl").GetString());
        Assert.Equal(url, await NotifyUrlAsync("urban"));

        // A rename without notifyUrl keeps the URL.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/urban", new { nameZh = "城市管理综合行政执法" })).Status);
        Assert.Equal(url, await NotifyUrlAsync("urban"));

        // Administrators read the URL; other users never see it (it can carry the receiver's token).
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/taxonomy/departments", Ct)).EnumerateArray().ToList();
        Assert.Equal(url, listed.Single(d => d.GetProperty("code").GetString() == "urban").GetProperty("notifyUrl").GetString());
        Assert.Equal(JsonValueKind.Null, listed.Single(d => d.GetProperty("code").GetString() == "fire").GetProperty("notifyUrl").ValueKind);
        using var command = await app.SignedInAsync("command");
        var text = await command.GetStringAsync("/api/v1/taxonomy/departments", Ct);
        Assert.DoesNotContain("notifyUrl", text);
        Assert.DoesNotContain("cgzf.example", await command.GetStringAsync("/api/v1/taxonomy", Ct));

        string[] bad = ["ftp://files.example.org/in", "cgzf.example.gov.cn/notify", "https://exa mple.org/x", "HTTPS://example.org/x", "mailto:a@example.org",
            "https://example.org/" + new string('a', 481)];
        foreach (var value in bad)
        {
            // The name in the same request is not saved either: nothing is half-written.
            var (status, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/urban", new { nameZh = "改了", notifyUrl = value });
            Assert.True(status == HttpStatusCode.BadRequest, $"{value}: {(int)status}");
            var errors = problem.GetProperty("errors");
            Assert.Equal(["notifyUrl"], errors.EnumerateObject().Select(e => e.Name));
            Assert.Contains(value.Length > 500 ? "500" : "http", errors.GetProperty("notifyUrl")[0].GetString());
        }

        Assert.Equal(url, await NotifyUrlAsync("urban"));
        Assert.Equal("城市管理综合行政执法", await app.Database.ScalarAsync<string>("SELECT name_zh FROM department WHERE code = 'urban'", Ct));

        // Exactly 500 characters is allowed.
        var longest = "https://example.org/" + new string('a', 480);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/urban", new { notifyUrl = longest })).Status);
        Assert.Equal(longest, await NotifyUrlAsync("urban"));

        // Empty clears it: the department reads its console inbox again.
        var (cleared, clearedBody) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/urban", new { notifyUrl = "" });
        Assert.Equal(HttpStatusCode.OK, cleared);
        Assert.Equal(JsonValueKind.Null, clearedBody.GetProperty("notifyUrl").ValueKind);
        Assert.Null(await NotifyUrlAsync("urban"));

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(command, HttpMethod.Put, "/api/v1/taxonomy/departments/urban", new { notifyUrl = url })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/nowhere", new { notifyUrl = url })).Status);
    }

    [Fact]
    public async Task A_delivery_to_an_unreachable_url_fails_and_a_retry_delivers_it_once_the_url_works()
    {
        using var admin = await app.SignedInAsync("admin");
        using var command = await app.SignedInAsync("command");
        var unreachable = UnreachableUrl();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/housing", new { notifyUrl = unreachable })).Status);

        // Balconies let as rooms: housing alone is responsible.
        var place = await app.RentalAsync(2);
        var caseId = await app.ReportAsync(command, place, "crowd_balcony", "阳台改作卧室出租");
        var notifier = app.Service<DepartmentNotifier>();
        var options = app.Service<IOptions<DepartmentNotifierOptions>>().Value;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            var pass = await notifier.RunOnceAsync(Ct);
            Assert.Equal((0, 1), (pass.Delivered, pass.Failed));
            app.Clock.Advance(options.MaxRetryDelay + TimeSpan.FromMinutes(1));
        }

        Assert.Equal(0, (await notifier.RunOnceAsync(Ct)).Failed);
        var (listedStatus, page) = await SendAsync(command, HttpMethod.Get, "/api/v1/department-notifications?department=housing&status=failed");
        Assert.Equal(HttpStatusCode.OK, listedStatus);
        Assert.Equal(1, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        var failed = page.GetProperty("items").EnumerateArray().Single();
        var id = failed.GetProperty("id").GetInt64();
        Assert.Equal(caseId, failed.GetProperty("caseId").GetInt64());
        Assert.Matches(@"^\d{9}-\d{8}-\d{4}$", failed.GetProperty("caseNumber").GetString());
        Assert.Equal("dispatch", failed.GetProperty("action").GetString());
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(options.MaxAttempts, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(unreachable, failed.GetProperty("targetUrl").GetString());
        Assert.False(string.IsNullOrWhiteSpace(failed.GetProperty("lastError").GetString()));
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(0, failed.GetProperty("retries").GetInt32());

        // Only the command centre and administrators; only a failed delivery; only one that exists.
        using var leader = await app.SignedInAsync("leader01");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(leader, HttpMethod.Get, "/api/v1/department-notifications")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(leader, HttpMethod.Post, $"/api/v1/department-notifications/{id}/retry")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, HttpMethod.Post, "/api/v1/department-notifications/999999999/retry")).Status);

        // Retrying while the URL is still wrong would only fail again: the administrator fixes it first.
        await using var hook = await WebhookReceiver.StartAsync(failFirst: 0, path: "/hooks/housing-fixed/");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/housing", new { notifyUrl = hook.Url })).Status);
        var (retried, retryBody) = await SendAsync(admin, HttpMethod.Post, $"/api/v1/department-notifications/{id}/retry");
        Assert.Equal(HttpStatusCode.OK, retried);
        Assert.Equal("pending", retryBody.GetProperty("status").GetString());
        Assert.Equal(hook.Url, retryBody.GetProperty("targetUrl").GetString());

        var (again, conflict) = await SendAsync(command, HttpMethod.Post, $"/api/v1/department-notifications/{id}/retry");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("pending", conflict.GetProperty("notificationStatus").GetString());

        var pending = (await SendAsync(command, HttpMethod.Get, "/api/v1/department-notifications?department=housing")).Body
            .GetProperty("items").EnumerateArray().Single(n => n.GetProperty("id").GetInt64() == id);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(0, pending.GetProperty("attempts").GetInt32());
        Assert.Equal(app.Clock.GetUtcNow(), pending.GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal(1, pending.GetProperty("retries").GetInt32());
        Assert.Equal("admin", pending.GetProperty("lastRetriedBy").GetString());

        // The retry is in the log with who did it and what it replaced.
        Assert.Equal(
            $"admin|{options.MaxAttempts}|{unreachable}|{hook.Url}",
            await app.Database.ScalarAsync<string>(
                $"SELECT retried_by || '|' || previous_attempts || '|' || previous_url || '|' || target_url FROM department_notification_retry WHERE notification_id = {id}", Ct));

        var delivery = await notifier.RunOnceAsync(Ct);
        Assert.Equal((1, 0), (delivery.Delivered, delivery.Failed));
        var delivered = (await SendAsync(command, HttpMethod.Get, "/api/v1/department-notifications?status=delivered")).Body
            .GetProperty("items").EnumerateArray().Single(n => n.GetProperty("id").GetInt64() == id);
        Assert.Equal(1, delivered.GetProperty("attempts").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, delivered.GetProperty("deliveredAt").ValueKind);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), hook.NotificationIds.Single());
        Assert.Equal(caseId, JsonDocument.Parse(hook.Bodies.Single()).RootElement.GetProperty("case").GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(admin, HttpMethod.Post, $"/api/v1/department-notifications/{id}/retry")).Status);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/housing", new { notifyUrl = "" })).Status);
    }

    [Fact]
    public async Task A_retry_after_the_url_was_cleared_leaves_the_notification_in_the_departments_inbox()
    {
        using var command = await app.SignedInAsync("command");
        var place = await app.RentalAsync(3);
        // Unsafe wiring: fire and street; neither has a URL, so both are recorded.
        var caseId = await app.ReportAsync(command, place, "fire_wiring", "电线私拉乱接");
        await app.Service<DepartmentNotifier>().RunOnceAsync(Ct);
        // As if street had had a URL that failed for good before an administrator cleared it.
        var id = await app.Database.ScalarAsync<long>(
            $"""
            UPDATE department_notification
            SET status = 'failed', target_url = 'http://127.0.0.1:9/old', attempts = 6, last_error = 'Connection refused'
            WHERE case_id = {caseId} AND department_code = 'street' RETURNING id
            """, Ct);

        var (status, body) = await SendAsync(command, HttpMethod.Post, $"/api/v1/department-notifications/{id}/retry");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("recorded", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("targetUrl").ValueKind);
        var inbox = (await command.GetFromJsonAsync<JsonElement>("/api/v1/departments/street/notifications", Ct)).EnumerateArray()
            .Single(n => n.GetProperty("id").GetInt64() == id);
        Assert.Equal("recorded", inbox.GetProperty("status").GetString());
        Assert.Equal("command", await app.Database.ScalarAsync<string>($"SELECT retried_by FROM department_notification_retry WHERE notification_id = {id}", Ct));

        // A recorded one is not a failed one.
        var recorded = await app.Database.ScalarAsync<long>($"SELECT id FROM department_notification WHERE case_id = {caseId} AND department_code = 'fire'", Ct);
        var (again, problem) = await SendAsync(command, HttpMethod.Post, $"/api/v1/department-notifications/{recorded}/retry");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("recorded", problem.GetProperty("notificationStatus").GetString());
    }

    [Fact]
    public async Task The_delivery_view_pages_by_fifty_newest_first_and_refuses_a_bad_filter_naming_it()
    {
        using var command = await app.SignedInAsync("command");
        var place = await app.RentalAsync(4);
        var caseId = await app.ReportAsync(command, place, "crowd_balcony", "阳台改作卧室出租");
        await app.Service<DepartmentNotifier>().CollectAsync(Ct);
        // Sixty departments of one dispatch, a minute apart, so the pages have something to split.
        await app.Database.ScalarAsync<int>(
            $$"""
            WITH d AS (
                INSERT INTO department (code, name_zh, name_en, sort_order)
                SELECT 'paging' || i, '分页' || i, 'Paging ' || i, 5000 + i FROM generate_series(1, 60) i
                RETURNING code, sort_order)
            INSERT INTO department_notification (event_id, case_id, grid_code, department_code, action, payload, created_at, status)
            SELECT e.id, e.case_id, c.grid_code, d.code, 'dispatch', '{}'::jsonb,
                   timestamptz '2026-11-25 08:00:00+08' + (d.sort_order - 5000) * interval '1 minute', 'recorded'
            FROM d, case_event e JOIN hazard_case c ON c.id = e.case_id
            WHERE e.case_id = {{caseId}} AND e.action = 'dispatch'
            RETURNING 1
            """, Ct);
        var total = await app.Database.ScalarAsync<long>("SELECT count(*) FROM department_notification WHERE status = 'recorded'", Ct);
        Assert.True(total >= 60);

        var first = (await SendAsync(command, HttpMethod.Get, "/api/v1/department-notifications?status=recorded")).Body;
        Assert.Equal(total, first.GetProperty("total").GetInt64());
        Assert.Equal((int)((total + 49) / 50), first.GetProperty("pages").GetInt32());
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Equal("paging60", items[0].GetProperty("department").GetString());
        Assert.Equal("paging11", items[49].GetProperty("department").GetString());
        var created = items.Select(i => i.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);

        var second = (await SendAsync(command, HttpMethod.Get, "/api/v1/department-notifications?status=recorded&page=2")).Body;
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        var rest = second.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(total - 50, rest.Count);
        Assert.Equal("paging10", rest[0].GetProperty("department").GetString());
        Assert.Empty((await SendAsync(command, HttpMethod.Get, "/api/v1/department-notifications?status=recorded&page=99")).Body.GetProperty("items").EnumerateArray());

        var one = (await SendAsync(command, HttpMethod.Get, "/api/v1/department-notifications?department=paging7")).Body;
        Assert.Equal(1, one.GetProperty("total").GetInt64());

        foreach (var (query, field) in new[] { ("status=lost", "status"), ("page=0", "page"), ("page=two", "page"), ("department=nowhere", "department") })
        {
            var (status, problem) = await SendAsync(command, HttpMethod.Get, $"/api/v1/department-notifications?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }
}
