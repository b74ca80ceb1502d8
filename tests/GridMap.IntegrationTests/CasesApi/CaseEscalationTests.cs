using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Web.Cases;

namespace GridMap.IntegrationTests.CasesApi;

/// <summary>The deadline watcher with moved time (its own app: the clock moves for the whole class).</summary>
public sealed class CaseEscalationTests(CasesApiApp app) : IClassFixture<CasesApiApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_overdue_case_is_warned_then_escalated_up_the_grid_levels_to_the_command_centre()
    {
        var place = await app.GridWithOfficerAsync(0);
        using var client = await app.SignedInAsync("command");
        // A missing manhole cover: 2 emergency hours (continuous) to handle once dispatched.
        var response = await client.PostAsJsonAsync("/api/v1/cases",
            new { lat = place.Lat, lon = place.Lon, category = "env_manhole_missing", description = "井盖缺失" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var watcher = app.Service<CaseDeadlineWatcher>();
        var cases = app.Service<CaseRepository>();

        Assert.Equal(0, (await watcher.RunOnceAsync(Ct)).Warned);

        // 1 h 45 min of 2 h: nearing, the assignee is warned, nothing escalates yet.
        app.Clock.Advance(TimeSpan.FromMinutes(105));
        var nearing = await watcher.RunOnceAsync(Ct);
        Assert.Equal((1, 0), (nearing.Warned, nearing.Escalations));

        // 4 h 01 min: past 1.0, 1.5 and 2.0 of the limit, three steps in one pass.
        app.Clock.Advance(TimeSpan.FromMinutes(136));
        var overdue = await watcher.RunOnceAsync(Ct);
        Assert.Equal(3, overdue.Escalations);

        var detail = await cases.GetAsync(GridScope.Everything, id, Ct);
        Assert.NotNull(detail);
        Assert.Equal(3, detail.Status.EscalationLevel);
        Assert.Equal(
            [(1, place.Grid[..14]), (2, place.Grid[..12]), (3, (string?)null)],
            detail.Escalations.OrderBy(e => e.Level).Select(e => (e.Level, e.TargetGridCode)));
        var actions = detail.Timeline.Select(e => e.Action.ToString()).ToList();
        Assert.Equal(["Report", "Verify", "Dispatch", "Warn", "Escalate", "Escalate", "Escalate"], actions);
        Assert.All(detail.Timeline.Skip(3), e => Assert.Equal("system:deadlines", e.Actor.Ref));
        Assert.Contains("street command centre", detail.Timeline[^1].Note);
        Assert.Contains("街道指挥中心", detail.Timeline[^1].Note);

        // Nothing more to do: the top level is reached and the warning is given.
        Assert.Equal((0, 0), ((await watcher.RunOnceAsync(Ct)).Warned, (await watcher.RunOnceAsync(Ct)).Escalations));

        // The API shows it overdue at level 3 (a fresh token: the old one aged with the clock).
        using var later = await app.SignedInAsync("command");
        var shown = await later.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct);
        Assert.True(shown.GetProperty("overdue").GetBoolean());
        Assert.Equal(3, shown.GetProperty("escalationLevel").GetInt32());
    }
}
