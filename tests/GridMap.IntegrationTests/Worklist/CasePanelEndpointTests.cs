using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridMap.IntegrationTests.CasesApi;

namespace GridMap.IntegrationTests.Worklist;

/// <summary>The case panel fragment and its actions endpoint over the demo district (fixed clock).</summary>
[Collection(WorklistCollection.Name)]
public sealed class CasePanelEndpointTests(CasesApiApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<long> StateVersionAsync(long id) =>
        app.Database.ScalarAsync<int>($"SELECT version FROM hazard_case WHERE id = {id}", Ct).ContinueWith(t => (long)t.Result, Ct);

    private async Task<string> StateAsync(long id) =>
        (await app.Database.ScalarAsync<string>($"SELECT state FROM hazard_case WHERE id = {id}", Ct))!;

    private static string Version(string html) => Regex.Match(html, "data-case-version=\"(\\d+)\"").Groups[1].Value;

    [Fact]
    public async Task The_panel_shows_the_case_its_timeline_and_the_actions_for_the_command_centre()
    {
        var place = await app.GridWithOfficerAsync(1, outsideOf: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var (id, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "fire_wiring", "楼道私拉电线");

        var (status, html, response) = await WorklistCases.PanelAsync(command, id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains($"data-case-id=\"{id}\"", html);
        Assert.Contains("data-testid=\"case-panel\"", html);
        Assert.Contains(place.Grid, html);
        // report, verify, dispatch
        var timeline = Regex.Match(html, "<ol class=\"gm-case-timeline\" data-testid=\"case-timeline\">(.*?)</ol>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(3, Regex.Matches(timeline, "<li data-seq=").Count);
        // A dispatched case: the command centre may reassign, park and escalate; not accept (the assignee's).
        Assert.Contains("data-testid=\"case-action-reassign\"", html);
        Assert.Contains("data-testid=\"case-action-park\"", html);
        Assert.Contains("data-testid=\"case-action-escalate\"", html);
        Assert.DoesNotContain("data-testid=\"case-action-accept\"", html);
        Assert.DoesNotContain("data-testid=\"case-action-close\"", html);
        WorklistCases.Token(html);
    }

    [Fact]
    public async Task A_legal_action_is_applied_recorded_with_its_reason_and_announced()
    {
        var place = await app.GridWithOfficerAsync(2, outsideOf: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var (id, assignee) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "crowd_partition", "房中房");
        var (_, html, _) = await WorklistCases.PanelAsync(command, id);
        var other = Regex.Matches(html, "<option value=\"(\\d+)\"").Select(m => long.Parse(m.Groups[1].Value)).First(o => o != assignee);

        var (status, after, response) = await WorklistCases.ActAsync(command, id, WorklistCases.Token(html),
            ("action", "reassign"), ("version", Version(html)), ("assignee", other.ToString()), ("note", "原网格员休假，改派"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("dispatched", await StateAsync(id));
        Assert.Equal(other, await app.Database.ScalarAsync<long>($"SELECT assignee_officer_id FROM hazard_case WHERE id = {id}", Ct));
        Assert.Equal("原网格员休假，改派", await app.Database.ScalarAsync<string>(
            $"SELECT note FROM case_event WHERE case_id = {id} AND action = 'reassign'", Ct));
        var trigger = JsonDocument.Parse(response.Headers.GetValues("HX-Trigger").Single()).RootElement.GetProperty("gm:case-changed");
        Assert.Equal(id, trigger.GetProperty("id").GetInt64());
        Assert.Equal("dispatched", trigger.GetProperty("state").GetString());
        Assert.Contains("data-kind=\"success\"", after);
        Assert.Contains("data-action=\"reassign\"", after[after.IndexOf("data-testid=\"case-timeline\"")..]);
    }

    [Fact]
    public async Task An_illegal_action_shows_the_domains_message_and_changes_nothing()
    {
        var place = await app.GridWithOfficerAsync(3, outsideOf: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var (id, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "env_dumping", "建筑垃圾");
        var (_, html, _) = await WorklistCases.PanelAsync(command, id);
        var version = await StateVersionAsync(id);

        var (status, after, response) = await WorklistCases.ActAsync(command, id, WorklistCases.Token(html), ("action", "close"), ("version", Version(html)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("cannot close a case that is dispatched", after);
        Assert.Contains("data-kind=\"error\"", after);
        Assert.False(response.Headers.Contains("HX-Trigger"));
        Assert.Equal(version, await StateVersionAsync(id));

        // A reason the rules require is refused too, naming it.
        var (missing, reasonless, _) = await WorklistCases.ActAsync(command, id, WorklistCases.Token(html), ("action", "park"), ("version", Version(html)));
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Contains("data-kind=\"error\"", reasonless);
        Assert.Equal("dispatched", await StateAsync(id));
    }

    [Fact]
    public async Task A_stale_version_gives_the_fresh_panel_with_a_changed_meanwhile_message()
    {
        var place = await app.GridWithOfficerAsync(4, outsideOf: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var (id, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "sec_unregistered", "租客未登记");
        var (_, html, _) = await WorklistCases.PanelAsync(command, id);
        var seen = int.Parse(Version(html));
        // Someone else escalates first.
        var (first, _, _) = await WorklistCases.ActAsync(command, id, WorklistCases.Token(html), ("action", "escalate"), ("version", seen.ToString()), ("note", "多次反映"));
        Assert.Equal(HttpStatusCode.OK, first);

        var (status, after, _) = await WorklistCases.ActAsync(command, id, WorklistCases.Token(html),
            ("action", "park"), ("version", seen.ToString()), ("note", "等待产权人"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("data-kind=\"warning\"", after);
        Assert.Contains($"data-case-version=\"{seen + 1}\"", after);
        Assert.Equal("dispatched", await StateAsync(id));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var place = await app.GridWithOfficerAsync(5, outsideOf: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var (id, _) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "biz_internet_cafe", "黑网吧");
        var (_, html, _) = await WorklistCases.PanelAsync(command, id);
        var version = await StateVersionAsync(id);

        var (status, _, _) = await WorklistCases.ActAsync(command, id, null, ("action", "park"), ("version", Version(html)), ("note", "x"));
        var (forged, _, _) = await WorklistCases.ActAsync(command, id, "not-a-token", ("action", "park"), ("version", Version(html)), ("note", "x"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.BadRequest, forged);
        Assert.Equal(version, await StateVersionAsync(id));
    }

    [Fact]
    public async Task A_case_outside_the_viewers_grids_is_not_found()
    {
        var elsewhere = await app.GridWithOfficerAsync(0, outsideOf: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var (id, _) = await WorklistCases.ReportAsync(command, elsewhere.Lat, elsewhere.Lon, "env_manhole_loose", "井盖松动");
        var (_, commandHtml, _) = await WorklistCases.PanelAsync(command, id);
        using var leader = await app.SignedInAsync("leader01");
        var (_, leaderHome, _) = await WorklistCases.PanelAsync(leader, 0);

        var (status, html, _) = await WorklistCases.PanelAsync(leader, id);
        // A token of the leader's own (from any panel render) does not help either.
        var token = WorklistCases.Token(await leader.GetStringAsync("/worklist", Ct));
        var (post, _, _) = await WorklistCases.ActAsync(leader, id, token, ("action", "park"), ("version", Version(commandHtml)), ("note", "x"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("data-panel=\"not-found\"", html);
        Assert.Contains("data-panel=\"not-found\"", leaderHome);
        Assert.Equal(HttpStatusCode.NotFound, post);
        Assert.Equal("dispatched", await StateAsync(id));
    }

    [Fact]
    public async Task The_command_centre_returns_a_handled_case_for_rework_and_closes_a_checked_one()
    {
        var place = await app.GridWithOfficerAsync(6, outsideOf: await WorklistCases.LeaderVillageAsync(app));
        using var command = await app.SignedInAsync("command");
        var (id, assignee) = await WorklistCases.ReportAsync(command, place.Lat, place.Lon, "fire_equipment_missing", "灭火器过期");
        await WorklistCases.HandleAsync(app, id, assignee);

        var (_, handled, _) = await WorklistCases.PanelAsync(command, id);
        Assert.Contains("data-testid=\"case-action-return\"", handled);
        Assert.Contains("data-testid=\"case-action-check_pass\"", handled);
        var (returned, afterReturn, _) = await WorklistCases.ActAsync(command, id, WorklistCases.Token(handled),
            ("action", "return"), ("version", Version(handled)), ("note", "灭火器未更换到位"));
        Assert.Equal(HttpStatusCode.OK, returned);
        Assert.Equal("in_handling", await StateAsync(id));
        Assert.Equal(1, await app.Database.ScalarAsync<int>($"SELECT rework_count FROM hazard_case WHERE id = {id}", Ct));
        Assert.Contains("灭火器未更换到位", afterReturn);

        await WorklistCases.HandleAsync(app, id, assignee);
        var (_, again, _) = await WorklistCases.PanelAsync(command, id);
        var (passed, afterPass, _) = await WorklistCases.ActAsync(command, id, WorklistCases.Token(again), ("action", "check_pass"), ("version", Version(again)));
        Assert.Equal(HttpStatusCode.OK, passed);
        var (closed, afterClose, _) = await WorklistCases.ActAsync(command, id, WorklistCases.Token(afterPass), ("action", "close"), ("version", Version(afterPass)));
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("closed", await StateAsync(id));
        // Closed: only the command centre's reopen is left.
        Assert.Contains("data-testid=\"case-action-reopen\"", afterClose);
        Assert.DoesNotContain("data-testid=\"case-action-close\"", afterClose);
        var timeline = afterClose[afterClose.IndexOf("data-testid=\"case-timeline\"")..];
        Assert.Contains("data-action=\"check_fail\"", timeline);
        Assert.Contains("data-action=\"close\"", timeline);
    }
}
