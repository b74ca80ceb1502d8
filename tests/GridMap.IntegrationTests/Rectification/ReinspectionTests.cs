using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Web.Rectification;

namespace GridMap.IntegrationTests.Rectification;

/// <summary>Re-inspection scheduling with moved time (its own app: the clock moves for the whole class).</summary>
public sealed class ReinspectionTests(RectificationApp app) : IClassFixture<RectificationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> RecordAsync(HttpClient client, long id, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/reinspections/{id}", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    private static async Task<List<JsonElement>> DueAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/reinspections?due=true", Ct)).EnumerateArray().ToList();

    [Fact]
    public async Task A_reinspection_falls_due_at_the_deadline_repeats_every_three_days_until_fixed()
    {
        var leaderRoot = await app.ScopeRootAsync("leader01");
        var place = await app.RentalAsync(0, inside: leaderRoot);
        var strangerName = await app.LeaderOutsideAsync(place.Grid);
        using var command = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(command, place, "fire_escape_blocked", "楼梯间堆放杂物并上锁");
        var issued = await command.PostAsJsonAsync($"/api/v1/cases/{caseId}/rectification-notices", new { workingDays = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var notice = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var deadline = notice.GetProperty("deadline").GetDateTimeOffset();
        // Tuesday 10:00 + 1 working day = Wednesday 10:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8)), deadline);
        var watcher = app.Service<ReinspectionWatcher>();

        Assert.Equal(0, (await watcher.RunOnceAsync(Ct)).Announced);
        Assert.DoesNotContain(await DueAsync(command), r => r.GetProperty("caseId").GetInt64() == caseId);

        // A minute past the deadline it is due, and announced once.
        app.Clock.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var pass = await watcher.RunOnceAsync(Ct);
        Assert.True(pass.Announced >= 1);
        Assert.Equal(0, (await watcher.RunOnceAsync(Ct)).Announced);

        using var leader = await app.SignedInAsync("leader01");
        var due = Assert.Single(await DueAsync(leader), r => r.GetProperty("caseId").GetInt64() == caseId);
        Assert.Equal(1, due.GetProperty("round").GetInt32());
        Assert.True(due.GetProperty("due").GetBoolean());
        using var stranger = await app.SignedInAsync(strangerName);
        Assert.DoesNotContain(await DueAsync(stranger), r => r.GetProperty("caseId").GetInt64() == caseId);
        Assert.Equal(HttpStatusCode.NotFound, (await RecordAsync(stranger, due.GetProperty("id").GetInt64(), new { result = "fixed" })).Status);

        // Not fixed: the next visit in three days.
        var firstId = due.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.BadRequest, (await RecordAsync(leader, firstId, new { result = "maybe" })).Status);
        var (status, body) = await RecordAsync(leader, firstId, new { result = "not_fixed", note = "杂物仍未清理" });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("not_fixed", body.GetProperty("reinspection").GetProperty("result").GetProperty("result").GetString());
        var next = body.GetProperty("next");
        Assert.Equal(2, next.GetProperty("round").GetInt32());
        Assert.Equal(app.Clock.GetUtcNow().AddDays(3), next.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict, (await RecordAsync(leader, firstId, new { result = "fixed" })).Status);
        Assert.DoesNotContain(await DueAsync(leader), r => r.GetProperty("caseId").GetInt64() == caseId);

        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.True((await watcher.RunOnceAsync(Ct)).Announced >= 1);
        using var later = await app.SignedInAsync("leader01");
        var second = Assert.Single(await DueAsync(later), r => r.GetProperty("caseId").GetInt64() == caseId);
        Assert.Equal(next.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());

        // Fixed ends the series.
        (status, body) = await RecordAsync(later, second.GetProperty("id").GetInt64(), new { result = "fixed", note = "已清理，安全出口可开启" });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next").ValueKind);
        Assert.DoesNotContain(await DueAsync(later), r => r.GetProperty("caseId").GetInt64() == caseId);

        var history = (await later.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/reinspections", Ct)).EnumerateArray().ToList();
        Assert.Equal(["not_fixed", "fixed"], history.Select(h => h.GetProperty("result").GetProperty("result").GetString()));
        Assert.All(history, h => Assert.False(h.GetProperty("open").GetBoolean()));

        // Results are history: the database refuses to rewrite them.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.Database.ScalarAsync<int>(
            $"UPDATE reinspection_result SET result = 'fixed' WHERE reinspection_id = {firstId} RETURNING 1", Ct));
    }

    [Fact]
    public async Task Only_the_assignee_or_a_leader_records_a_result()
    {
        var place = await app.RentalAsync(1);
        using var command = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(command, place, "sec_access_control", "门禁损坏");
        var issued = await command.PostAsJsonAsync($"/api/v1/cases/{caseId}/rectification-notices", new { workingDays = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var visit = (await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/reinspections", Ct)).EnumerateArray().Single();

        // An official sees the whole district but is neither the assignee nor a leader.
        using var official = await app.SignedInAsync("official");
        Assert.Equal(HttpStatusCode.Forbidden, (await RecordAsync(official, visit.GetProperty("id").GetInt64(), new { result = "fixed" })).Status);
        var (status, _) = await RecordAsync(command, visit.GetProperty("id").GetInt64(), new { result = "fixed", photoIds = new[] { Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
    }
}
