using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace GridMap.IntegrationTests.Rectification;

/// <summary>Rectification notices: only for rental-house hazards, content, immutability, corrections, scope, the printable page.</summary>
public sealed partial class RectificationNoticeTests(RectificationApp app) : IClassFixture<RectificationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static async Task<(HttpStatusCode Status, JsonElement Body)> IssueAsync(HttpClient client, long caseId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/rectification-notices", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    [GeneratedRegex(@"^小金口街整改〔2026〕第\d{4}号$")]
    private static partial Regex DemoNumber();

    [Fact]
    public async Task A_notice_is_served_on_the_landlord_with_the_basis_the_requirements_and_the_case_deadline()
    {
        var place = await app.RentalAsync(0);
        using var command = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(command, place, "fire_ebike_indoor", "楼道内停放3辆电动自行车并飞线充电");
        var before = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        Assert.Equal("dispatched", before.GetProperty("state").GetString());

        var response = await command.PostAsJsonAsync($"/api/v1/cases/{caseId}/rectification-notices", new { }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var notice = JsonDocument.Parse(text).RootElement;

        Assert.Matches(DemoNumber(), notice.GetProperty("number").GetString());
        Assert.Equal(place.LandlordName, notice.GetProperty("addressee").GetProperty("name").GetString());
        Assert.Equal(place.LandlordPhone, notice.GetProperty("addressee").GetProperty("phone").GetString());
        Assert.DoesNotContain(place.LandlordIdNumber, text);
        Assert.Equal(place.Address, notice.GetProperty("building").GetProperty("address").GetString());
        Assert.Equal("电动自行车违规停放充电", notice.GetProperty("hazard").GetProperty("name").GetString());
        Assert.Equal("楼道内停放3辆电动自行车并飞线充电", notice.GetProperty("hazard").GetProperty("description").GetString());
        Assert.Contains("《中华人民共和国消防法》第二十八条", notice.GetProperty("basis").GetString());
        Assert.Contains("应急管理部令第5号", notice.GetProperty("basis").GetString());
        Assert.StartsWith("立即将电动自行车", notice.GetProperty("requirements").GetString());
        Assert.Equal(before.GetProperty("deadline").GetDateTimeOffset(), notice.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal("惠州市惠城区小金口街道办事处", notice.GetProperty("issuingOffice").GetProperty("name").GetString());
        Assert.Equal(CasesApi.CasesApiApp.Tuesday10, notice.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, notice.GetProperty("supersedes").ValueKind);
        Assert.Equal(response.Headers.Location?.ToString(), notice.GetProperty("printUrl").GetString());

        // Issuing leaves the case where it was, and the notice is listed on the case.
        var after = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal("dispatched", after.GetProperty("state").GetString());
        var listed = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/rectification-notices", Ct);
        Assert.Equal([notice.GetProperty("id").GetInt64()], listed.EnumerateArray().Select(n => n.GetProperty("id").GetInt64()));

        // The first re-inspection is due at the deadline.
        var visits = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/reinspections", Ct);
        var visit = Assert.Single(visits.EnumerateArray());
        Assert.Equal(1, visit.GetProperty("round").GetInt32());
        Assert.Equal(notice.GetProperty("deadline").GetDateTimeOffset(), visit.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(visit.GetProperty("open").GetBoolean());
        Assert.False(visit.GetProperty("due").GetBoolean());
    }

    [Fact]
    public async Task Requirements_and_the_deadline_may_be_chosen_and_working_days_count_on_the_calendar()
    {
        var place = await app.RentalAsync(1);
        using var leader = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(leader, place, "crowd_partition", "三楼隔出6个房中房");

        var (status, notice) = await IssueAsync(leader, caseId, new { requirements = "拆除三楼全部隔断", workingDays = 3 });
        Assert.True(status == HttpStatusCode.Created, notice.ToString());
        Assert.Equal("拆除三楼全部隔断", notice.GetProperty("requirements").GetString());
        // Tuesday 10:00 + 3 working days = Friday 10:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)), notice.GetProperty("deadline").GetDateTimeOffset());

        var (both, bothBody) = await IssueAsync(leader, caseId, new { workingDays = 3, deadline = "2026-12-01T10:00:00+08:00" });
        Assert.Equal(HttpStatusCode.BadRequest, both);
        Assert.True(bothBody.GetProperty("errors").TryGetProperty("deadline", out _));

        var (past, pastBody) = await IssueAsync(leader, caseId, new { deadline = "2026-11-01T10:00:00+08:00" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past);
        Assert.Contains("not in the future", pastBody.GetProperty("errors").GetProperty("deadline")[0].GetString());

        var (tooMany, _) = await IssueAsync(leader, caseId, new { workingDays = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
    }

    [Fact]
    public async Task Notices_are_refused_for_other_categories_cases_without_a_rental_house_closed_cases_and_grid_officers()
    {
        var place = await app.RentalAsync(2);
        using var command = await app.SignedInAsync("command");

        var dumping = await app.ReportAsync(command, place, "env_dumping", "门口乱倒建筑垃圾");
        var (status, body) = await IssueAsync(command, dumping, new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("environment_order", body.GetProperty("errors").GetProperty("category")[0].GetString());

        var noBuilding = await app.ReportAsync(command, place, "fire_wiring", "电线私拉乱接", withBuilding: false);
        (status, body) = await IssueAsync(command, noBuilding, new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("buildingId", body.GetProperty("field").GetString());

        // A building that is not a rental house.
        var plain = await app.Database.ScalarAsync<long>(
            $"SELECT b.id FROM building b WHERE b.grid_code = '{place.Grid}' AND NOT EXISTS (SELECT 1 FROM rental_house r WHERE r.building_id = b.id) ORDER BY b.id LIMIT 1", Ct);
        if (plain > 0)
        {
            var notRental = await app.ReportAsync(command, place with { BuildingId = plain }, "fire_wiring", "电线老化");
            (status, body) = await IssueAsync(command, notRental, new { });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Contains($"building {plain}", body.GetProperty("errors").GetProperty("buildingId")[0].GetString());
        }

        // An official's report waits in "reported"; cancelled, it takes no notice.
        using var official = await app.SignedInAsync("official");
        var cancelled = await app.ReportAsync(official, place, "fire_escape_blocked", "楼梯间堆放杂物");
        var cancel = await command.PostAsJsonAsync($"/api/v1/cases/{cancelled}/transitions", new { action = "cancel", note = "误报", cancelReason = "invalid" }, Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        (status, body) = await IssueAsync(command, cancelled, new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("cancelled", body.GetProperty("title").GetString());

        var rental = await app.ReportAsync(command, place, "fire_equipment_missing", "灭火器过期");
        using var officer = await app.SignedInAsync("officer01");
        (status, _) = await IssueAsync(officer, rental, new { });
        Assert.Equal(HttpStatusCode.Forbidden, status);

        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM rectification_notice WHERE case_id IN ({dumping}, {noBuilding}, {cancelled}, {rental})", Ct));
    }

    [Fact]
    public async Task A_leader_outside_the_grid_does_not_find_the_case_its_notices_or_the_page()
    {
        var leaderRoot = await app.ScopeRootAsync("leader01");
        var place = await app.RentalAsync(0, outsideOf: leaderRoot[..12]);
        using var command = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(command, place, "fire_three_in_one", "一楼仓库二楼住人");
        var (status, notice) = await IssueAsync(command, caseId, new { });
        Assert.Equal(HttpStatusCode.Created, status);

        using var leader = await app.SignedInAsync("leader01");
        Assert.Equal(HttpStatusCode.NotFound, (await IssueAsync(leader, caseId, new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/cases/{caseId}/rectification-notices", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/v1/cases/{caseId}/reinspections", Ct)).StatusCode);
        var page = await leader.GetAsync(notice.GetProperty("printUrl").GetString(), Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(place.LandlordName, await page.Content.ReadAsStringAsync(Ct));

        // A leader inside the grid issues.
        var mine = await app.RentalAsync(0, inside: leaderRoot);
        var own = await app.ReportAsync(command, mine, "sec_unregistered", "5名租户未登记");
        Assert.Equal(HttpStatusCode.Created, (await IssueAsync(leader, own, new { })).Status);
    }

    [Fact]
    public async Task Notices_cannot_be_changed_or_deleted_and_a_correction_supersedes_once()
    {
        var place = await app.RentalAsync(3);
        using var command = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(command, place, "crowd_balcony", "阳台改作卧室出租");
        var (_, first) = await IssueAsync(command, caseId, new { });
        var firstId = first.GetProperty("id").GetInt64();

        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            app.Database.ScalarAsync<int>($"UPDATE rectification_notice SET requirements = 'x' WHERE id = {firstId} RETURNING 1", Ct));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() =>
            app.Database.ScalarAsync<int>($"DELETE FROM rectification_notice WHERE id = {firstId} RETURNING 1", Ct));
        await Assert.ThrowsAsync<PostgresException>(() =>
            app.Database.ScalarAsync<int>($"UPDATE reinspection SET due_at = now() WHERE notice_id = {firstId} RETURNING 1", Ct));

        var (status, correction) = await IssueAsync(command, caseId, new { supersedes = firstId, workingDays = 5, requirements = "恢复阳台原使用功能" });
        Assert.True(status == HttpStatusCode.Created, correction.ToString());
        Assert.Equal(firstId, correction.GetProperty("supersedes").GetInt64());

        var (again, _) = await IssueAsync(command, caseId, new { supersedes = firstId });
        Assert.Equal(HttpStatusCode.Conflict, again);

        var notices = (await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/rectification-notices", Ct)).EnumerateArray().ToList();
        Assert.Equal(2, notices.Count);
        Assert.Equal(correction.GetProperty("id").GetInt64(), notices[0].GetProperty("supersededBy").GetInt64());

        // The superseded notice's series stops; the correction's runs.
        var visits = (await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/reinspections", Ct)).EnumerateArray().ToList();
        Assert.Equal(2, visits.Count);
        Assert.False(visits.Single(v => v.GetProperty("noticeId").GetInt64() == firstId).GetProperty("open").GetBoolean());
        Assert.True(visits.Single(v => v.GetProperty("noticeId").GetInt64() != firstId).GetProperty("open").GetBoolean());

        // Another case's notice cannot be superseded from here.
        var other = await app.ReportAsync(command, place, "crowd_area", "人均不足5平方米");
        var (foreign, foreignBody) = await IssueAsync(command, other, new { supersedes = firstId });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign);
        Assert.Equal("supersedes", foreignBody.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_printable_page_shows_the_landlord_the_basis_the_requirements_and_the_deadline()
    {
        var place = await app.RentalAsync(4);
        using var command = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(command, place, "fire_wiring", "二楼走廊电线未穿管");
        var (_, notice) = await IssueAsync(command, caseId, new { requirements = "请于期限内更换二楼走廊全部电线并穿管保护", workingDays = 2 });
        var url = notice.GetProperty("printUrl").GetString()!;

        var html = WebUtility.HtmlDecode(await command.GetStringAsync(url, Ct));
        Assert.Contains("整改通知书", html);
        Assert.Contains(notice.GetProperty("number").GetString()!, html);
        Assert.Contains(place.LandlordName, html);
        Assert.Contains(place.LandlordPhone, html);
        Assert.DoesNotContain(place.LandlordIdNumber, html);
        Assert.Contains(place.Address, html);
        Assert.Contains("电气线路私拉乱接", html);
        Assert.Contains("《中华人民共和国消防法》第二十七条", html);
        Assert.Contains("请于期限内更换二楼走廊全部电线并穿管保护", html);
        var deadline = TimeZoneInfo.ConvertTime(notice.GetProperty("deadline").GetDateTimeOffset(), Shanghai);
        Assert.Contains($"{deadline.Year}年{deadline.Month}月{deadline.Day}日 {deadline:HH:mm}", html);
        Assert.Contains("惠州市惠城区小金口街道办事处", html);
        Assert.Contains("回　执", html);
        Assert.Contains("window.print()", html);

        var english = WebUtility.HtmlDecode(await command.GetStringAsync(url + "?culture=en&ui-culture=en", Ct));
        Assert.Contains("Rectification Notice", english);
        Assert.Contains("Legal basis", english);
        Assert.Contains("Fire Protection Law of the PRC, Article 27", english);
        Assert.Contains("Receipt", english);
        Assert.Contains(place.LandlordName, english);
    }
}
