using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.Rectification;
using Npgsql;

namespace GridMap.IntegrationTests.Administration;

/// <summary>
/// The API over what rectification notices print (legal basis, requirements, issuing offices):
/// validation, optimistic concurrency, history, and that a notice already issued keeps its text.
/// Each test edits its own sub-category or street so they do not meet.
/// </summary>
public sealed class RectificationAdministrationApiTests(RectificationApp app) : IClassFixture<RectificationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null) =>
        client.SendJsonAsync(method, url, body);

    private static async Task<JsonElement> BasisAsync(HttpClient admin, string code)
    {
        var (status, body) = await SendAsync(admin, HttpMethod.Get, $"/api/v1/rectification/bases/{code}");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>The current texts as a PUT body, with <paramref name="change"/> applied.</summary>
    private static Dictionary<string, object?> BasisBody(JsonElement detail, Action<Dictionary<string, object?>>? change = null)
    {
        var basis = detail.GetProperty("basis");
        var body = new Dictionary<string, object?>
        {
            ["basisZh"] = basis.GetProperty("basisZh").GetString(),
            ["basisEn"] = basis.GetProperty("basisEn").GetString(),
            ["requirementsZh"] = basis.GetProperty("requirementsZh").GetString(),
            ["requirementsEn"] = basis.GetProperty("requirementsEn").GetString(),
            ["version"] = basis.GetProperty("version").GetInt32(),
        };
        change?.Invoke(body);
        return body;
    }

    private static string[] ErrorFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task An_issued_notice_keeps_its_basis_requirements_and_office_after_an_edit()
    {
        using var admin = await app.SignedInAsync("admin");
        using var command = await app.SignedInAsync("command");
        var place = await app.RentalAsync(5);
        var caseId = await app.ReportAsync(command, place, "fire_escape_blocked", "楼梯间堆放纸箱，安全出口上锁");
        var issued = await command.PostAsJsonAsync($"/api/v1/cases/{caseId}/rectification-notices", new { }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var notice = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var oldBasis = notice.GetProperty("basis").GetString()!;
        var oldRequirements = notice.GetProperty("requirements").GetString()!;
        var oldNumber = notice.GetProperty("number").GetString()!;
        Assert.StartsWith("小金口街整改", oldNumber);

        var (status, saved) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/bases/fire_escape_blocked",
            BasisBody(await BasisAsync(admin, "fire_escape_blocked"), b =>
            {
                b["basisZh"] = "《中华人民共和国消防法》第二十八条；《测试消防条例》第九条。";
                b["basisEn"] = "Fire Protection Law of the PRC, Article 28; Test Fire Regulations, Article 9.";
                b["requirementsZh"] = "新要求：二十四小时内清空楼梯间。";
                b["note"] = "依据更新";
            }));
        Assert.True(status == HttpStatusCode.OK, saved.ToString());
        var office = (await SendAsync(admin, HttpMethod.Get, "/api/v1/rectification/street-offices/441302010")).Body.GetProperty("office");
        (status, saved) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/street-offices/441302010", new
        {
            nameZh = "惠州市惠城区小金口街道办事处（测试更名）",
            nameEn = "Xiaojinkou Street Office (renamed)",
            shortZh = "小金口测",
            note = "机构更名",
            version = office.GetProperty("version").GetInt32(),
        });
        Assert.True(status == HttpStatusCode.OK, saved.ToString());

        // The notice served before the edits reads as it was issued, in the API and on paper.
        var reread = (await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/rectification-notices", Ct)).EnumerateArray().Single();
        Assert.Equal(oldBasis, reread.GetProperty("basis").GetString());
        Assert.Equal(oldRequirements, reread.GetProperty("requirements").GetString());
        Assert.Equal(oldNumber, reread.GetProperty("number").GetString());
        Assert.Equal("惠州市惠城区小金口街道办事处", reread.GetProperty("issuingOffice").GetProperty("name").GetString());
        var url = notice.GetProperty("printUrl").GetString()!;
        var html = WebUtility.HtmlDecode(await command.GetStringAsync(url, Ct));
        Assert.Contains(oldBasis, html);
        Assert.Contains(oldRequirements, html);
        Assert.Contains(oldNumber, html);
        Assert.DoesNotContain("测试消防条例", html);
        Assert.DoesNotContain("新要求", html);
        Assert.DoesNotContain("测试更名", html);
        var english = WebUtility.HtmlDecode(await command.GetStringAsync(url + "?culture=en&ui-culture=en", Ct));
        Assert.Contains("Fire Protection Law of the PRC, Article 28.", english);
        Assert.DoesNotContain("Test Fire Regulations", english);
        Assert.DoesNotContain("renamed", english);

        // A notice issued after the edits carries the new texts.
        var later = await app.ReportAsync(command, await app.RentalAsync(6), "fire_escape_blocked", "疏散通道堆放电动车");
        var fresh = await (await command.PostAsJsonAsync($"/api/v1/cases/{later}/rectification-notices", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("测试消防条例", fresh.GetProperty("basis").GetString());
        Assert.Equal("新要求：二十四小时内清空楼梯间。", fresh.GetProperty("requirements").GetString());
        Assert.StartsWith("小金口测整改〔2026〕", fresh.GetProperty("number").GetString());
        Assert.Equal("惠州市惠城区小金口街道办事处（测试更名）", fresh.GetProperty("issuingOffice").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_bad_edit_is_refused_naming_each_field_and_nothing_is_written()
    {
        using var admin = await app.SignedInAsync("admin");
        var before = await BasisAsync(admin, "fire_wiring");

        var (status, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/bases/fire_wiring", BasisBody(before, b =>
        {
            b["basisZh"] = "  ";
            b["requirementsEn"] = new string('x', 2001);
            b["note"] = new string('说', 501);
            b["version"] = null;
        }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["basisZh", "note", "requirementsEn", "version"], ErrorFields(problem));
        Assert.Contains("法律依据（中文）不能为空", Error(problem, "basisZh"));
        Assert.Contains("法律依据（中文）不能为空", Error(problem, "basisZh"));
        Assert.Contains("整改要求（英文）最多 2000 字", Error(problem, "requirementsEn"));

        // The same texts again: nothing to record.
        (status, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/bases/fire_wiring", BasisBody(before));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("没有任何修改", Error(problem, ""));

        var after = await BasisAsync(admin, "fire_wiring");
        Assert.Equal(before.GetProperty("basis").ToString(), after.GetProperty("basis").ToString());
        Assert.Empty(after.GetProperty("history").EnumerateArray());

        (status, _) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/bases/no_such_code", BasisBody(before));
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _) = await SendAsync(admin, HttpMethod.Get, "/api/v1/rectification/bases/env_dumping");
        Assert.Equal(HttpStatusCode.NotFound, status);

        (status, problem) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/street-offices",
            new { streetCode = "44130201", nameZh = "", nameEn = "X", shortZh = new string('街', 21) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["nameZh", "shortZh", "streetCode"], ErrorFields(problem));
        Assert.Contains("街道代码须为 9 位数字", Error(problem, "streetCode"));
        Assert.Contains("文号简称最多 20 字", Error(problem, "shortZh"));
        (status, _) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/street-offices/441302999",
            new { nameZh = "某街道办事处", nameEn = "Some office", shortZh = "某街", version = 1 });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT (SELECT count(*) FROM street_office WHERE street_code = '441302999') + (SELECT count(*) FROM street_office_change WHERE street_code = '441302999')", Ct));
    }

    [Fact]
    public async Task A_stale_version_is_409_and_the_history_keeps_each_edit_with_old_and_new_texts()
    {
        using var admin = await app.SignedInAsync("admin");
        var v1 = await BasisAsync(admin, "crowd_area");
        Assert.Equal(1, v1.GetProperty("basis").GetProperty("version").GetInt32());
        Assert.Equal("seed", v1.GetProperty("basis").GetProperty("changedBy").GetString());
        var seedRequirements = v1.GetProperty("basis").GetProperty("requirementsZh").GetString();

        var (status, v2) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/bases/crowd_area", BasisBody(v1, b =>
        {
            b["requirementsZh"] = "减少居住人数，使人均居住面积不低于6平方米。";
            b["note"] = "市标准提高到6平方米";
        }));
        Assert.True(status == HttpStatusCode.OK, v2.ToString());
        Assert.Equal(2, v2.GetProperty("basis").GetProperty("version").GetInt32());
        Assert.Equal("admin", v2.GetProperty("basis").GetProperty("changedBy").GetString());

        // A second administrator still on version 1 is refused and writes nothing.
        var (stale, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/bases/crowd_area", BasisBody(v1, b => b["basisZh"] = "另一个依据"));
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains("第 2 版", problem.GetProperty("title").GetString());

        var detail = await BasisAsync(admin, "crowd_area");
        Assert.Equal("减少居住人数，使人均居住面积不低于6平方米。", detail.GetProperty("basis").GetProperty("requirementsZh").GetString());
        var change = Assert.Single(detail.GetProperty("history").EnumerateArray());
        Assert.Equal(2, change.GetProperty("version").GetInt32());
        Assert.Equal("admin", change.GetProperty("changedBy").GetString());
        Assert.Equal("市标准提高到6平方米", change.GetProperty("note").GetString());
        Assert.Equal(app.Clock.GetUtcNow(), change.GetProperty("changedAt").GetDateTimeOffset());
        Assert.Equal(seedRequirements, change.GetProperty("before").GetProperty("requirementsZh").GetString());
        Assert.Equal("减少居住人数，使人均居住面积不低于6平方米。", change.GetProperty("after").GetProperty("requirementsZh").GetString());
        Assert.Equal(change.GetProperty("before").GetProperty("basisZh").GetString(), change.GetProperty("after").GetProperty("basisZh").GetString());

        // Two saves of the same version at once: exactly one wins.
        var racing = await Task.WhenAll(
            SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/bases/crowd_area", BasisBody(detail, b => b["basisEn"] = "Race A")),
            SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/bases/crowd_area", BasisBody(detail, b => b["basisEn"] = "Race B")));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], racing.Select(r => r.Status).Order());
        Assert.Equal(2, (await BasisAsync(admin, "crowd_area")).GetProperty("history").GetArrayLength());

        // The history is append-only, like the case events.
        await using var update = app.Database.DataSource.CreateCommand("UPDATE rectification_basis_change SET note = 'rewritten'");
        await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync(Ct));
    }

    [Fact]
    public async Task An_office_is_added_once_and_its_history_starts_with_the_addition()
    {
        using var admin = await app.SignedInAsync("admin");
        var (status, added) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/street-offices", new
        {
            streetCode = "441302011",
            nameZh = "惠州市惠城区测试街道办事处",
            nameEn = "Test Street Office, Huicheng District, Huizhou",
            shortZh = "测试街",
            note = "新设街道",
        });
        Assert.True(status == HttpStatusCode.Created, added.ToString());
        Assert.Equal(1, added.GetProperty("office").GetProperty("version").GetInt32());

        var (again, problem) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/street-offices",
            new { streetCode = "441302011", nameZh = "重复", nameEn = "Duplicate", shortZh = "重" });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("441302011", problem.GetProperty("title").GetString());

        var (saved, detail) = await SendAsync(admin, HttpMethod.Put, "/api/v1/rectification/street-offices/441302011",
            new { nameZh = "惠州市惠城区测试街道办事处", nameEn = "Test Street Office", shortZh = "测试街", version = 1 });
        Assert.True(saved == HttpStatusCode.OK, detail.ToString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([2, 1], history.Select(h => h.GetProperty("version").GetInt32()));
        Assert.Equal("Test Street Office, Huicheng District, Huizhou", history[0].GetProperty("before").GetProperty("nameEn").GetString());
        Assert.Equal("Test Street Office", history[0].GetProperty("after").GetProperty("nameEn").GetString());
        Assert.Equal(JsonValueKind.Null, history[1].GetProperty("before").ValueKind);
        Assert.Equal("新设街道", history[1].GetProperty("note").GetString());

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rectification/street-offices", Ct);
        Assert.Contains("441302011", list.EnumerateArray().Select(o => o.GetProperty("streetCode").GetString()));
    }

    [Fact]
    public async Task Only_administrators_read_or_edit_the_notice_texts()
    {
        using var command = await app.SignedInAsync("command");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(command, HttpMethod.Get, "/api/v1/rectification/bases")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(command, HttpMethod.Put, "/api/v1/rectification/bases/fire_wiring",
            new { basisZh = "x", basisEn = "x", requirementsZh = "x", requirementsEn = "x", version = 1 })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(command, HttpMethod.Post, "/api/v1/rectification/street-offices",
            new { streetCode = "441302012", nameZh = "x", nameEn = "x", shortZh = "x" })).Status);
        var page = await command.GetAsync("/admin/rectification", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);

        using var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/rectification/bases", Ct)).StatusCode);

        using var admin = await app.SignedInAsync("admin");
        var bases = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rectification/bases", Ct);
        Assert.Equal(19, bases.GetArrayLength());
        var ebike = bases.EnumerateArray().Single(b => b.GetProperty("subcategoryCode").GetString() == "fire_ebike_indoor");
        Assert.Equal("电动自行车违规停放充电", ebike.GetProperty("subcategoryZh").GetString());

        // The admin's pages: the list, an office's edit page, and 404 for a street without one.
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/rectification", Ct));
        Assert.Contains("fire_ebike_indoor", list);
        Assert.Contains("441302010", list);
        var officePage = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/rectification/street-offices/441302010", Ct));
        Assert.Contains("data-testid=\"office-form\"", officePage);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/rectification/street-offices/441302998", Ct)).StatusCode);
    }
}
