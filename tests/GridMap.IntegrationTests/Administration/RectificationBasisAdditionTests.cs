using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.Rectification;

namespace GridMap.IntegrationTests.Administration;

/// <summary>
/// A rental-hazard sub-category added at /admin/taxonomy gets its legal basis in the console
/// (POST /api/v1/rectification/bases), after which notices can be issued for its cases. Its own
/// fixture: it adds a basis, which the other rectification tests' counts do not expect.
/// </summary>
public sealed class RectificationBasisAdditionTests(RectificationApp app) : IClassFixture<RectificationApp>
{
    private const string Code = "fire_gas_cylinder";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null) =>
        client.SendJsonAsync(method, url, body);

    private static string[] ErrorFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private static Dictionary<string, object?> NewBasis(string? code, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["subcategoryCode"] = code,
            ["basisZh"] = "《中华人民共和国消防法》第二十八条；《城镇燃气管理条例》第二十八条。",
            ["basisEn"] = "Fire Protection Law of the PRC, Article 28; Regulations on Urban Gas Administration, Article 28.",
            ["requirementsZh"] = "将液化石油气钢瓶移出住人房间和疏散通道，停止在室内存放超过一瓶；使用合格减压阀和软管。",
            ["requirementsEn"] = "Move LPG cylinders out of bedrooms and escape routes, keep no more than one indoors, and use certified regulators and hoses.",
            ["note"] = "新增小类液化气钢瓶",
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>Adds <see cref="Code"/> to fire_safety through the taxonomy API, as an administrator does at /admin/taxonomy.</summary>
    private static async Task AddSubcategoryAsync(HttpClient admin)
    {
        var taxonomy = await admin.GetFromJsonAsync<JsonElement>("/api/v1/taxonomy", Ct);
        var template = taxonomy.GetProperty("categories").EnumerateArray()
            .SelectMany(c => c.GetProperty("subcategories").EnumerateArray())
            .Single(s => s.GetProperty("code").GetString() == "fire_wiring");
        var limits = template.GetProperty("limits").EnumerateObject().ToDictionary(
            l => l.Name, l => (object)new { amount = l.Value.GetProperty("amount").GetDecimal(), unit = l.Value.GetProperty("unit").GetString() });
        var (status, body) = await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/subcategories", new Dictionary<string, object?>
        {
            ["code"] = Code,
            ["categoryCode"] = "fire_safety",
            ["nameZh"] = "液化气钢瓶违规存放",
            ["nameEn"] = "LPG cylinders stored unsafely",
            ["filingConditionsZh"] = "出租屋住人房间或疏散通道内存放液化石油气钢瓶。",
            ["filingConditionsEn"] = "LPG cylinders are kept in let rooms or escape routes.",
            ["closingConditionsZh"] = "钢瓶已移出，室内不超过一瓶。",
            ["closingConditionsEn"] = "Cylinders moved out, at most one indoors.",
            ["severity"] = "high",
            ["limits"] = limits,
            ["departments"] = template.GetProperty("departments").EnumerateArray().Select(d => d.GetString()).ToArray(),
        });
        Assert.True(status == HttpStatusCode.Created, body.ToString());
    }

    [Fact]
    public async Task A_new_rental_hazard_sub_category_gets_its_basis_in_the_console_and_then_a_notice()
    {
        using var admin = await app.SignedInAsync("admin");
        using var command = await app.SignedInAsync("command");
        var seeded = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rectification/missing-bases", Ct);
        Assert.Empty(seeded.EnumerateArray());
        Assert.Contains("data-testid=\"no-missing-bases\"", await admin.GetStringAsync("/admin/rectification", Ct));

        await AddSubcategoryAsync(admin);

        // Listed as missing its basis, in the API and on the page with a link to the add form.
        var missing = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/v1/rectification/missing-bases", Ct)).EnumerateArray());
        Assert.Equal(Code, missing.GetProperty("subcategoryCode").GetString());
        Assert.Equal("液化气钢瓶违规存放", missing.GetProperty("subcategoryZh").GetString());
        Assert.Equal("fire_safety", missing.GetProperty("categoryCode").GetString());
        Assert.Equal("消防安全", missing.GetProperty("categoryZh").GetString());
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/rectification", Ct));
        Assert.Contains($"data-missing-basis=\"{Code}\"", list);
        Assert.Contains($"href=\"/admin/rectification/bases/new?subcategory={Code}\"", list);
        var form = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/rectification/bases/new?subcategory={Code}", Ct));
        Assert.Contains("data-testid=\"add-basis-form\"", form);
        Assert.Contains("液化气钢瓶违规存放", form);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/rectification/bases/new?subcategory=env_dumping", Ct)).StatusCode);

        // Until then a notice for its case is refused, saying where to fix it.
        var place = await app.RentalAsync(7);
        var caseId = await app.ReportAsync(command, place, Code, "三楼走廊存放两个液化气钢瓶");
        var (refused, problem) = await SendAsync(command, HttpMethod.Post, $"/api/v1/cases/{caseId}/rectification-notices", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains($"在 /admin/rectification 为小类 {Code} 添加整改依据", Error(problem, "category"));
        Assert.Contains("add its basis at /admin/rectification", Error(problem, "category"));

        var (status, added) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/bases", NewBasis(Code));
        Assert.True(status == HttpStatusCode.Created, added.ToString());
        var basis = added.GetProperty("basis");
        Assert.Equal(1, basis.GetProperty("version").GetInt32());
        Assert.Equal("admin", basis.GetProperty("changedBy").GetString());
        Assert.Equal("液化气钢瓶违规存放", basis.GetProperty("subcategoryZh").GetString());
        var addition = Assert.Single(added.GetProperty("history").EnumerateArray());
        Assert.Equal(1, addition.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, addition.GetProperty("before").ValueKind);
        Assert.Equal("新增小类液化气钢瓶", addition.GetProperty("note").GetString());
        Assert.StartsWith("将液化石油气钢瓶移出", addition.GetProperty("after").GetProperty("requirementsZh").GetString());

        var (again, conflict) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/bases", NewBasis(Code, b => b["basisZh"] = "另一个依据"));
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("已有整改依据", conflict.GetProperty("title").GetString());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/v1/rectification/missing-bases", Ct)).EnumerateArray());

        // The edit page shows the addition as version 1 of the history; an edit follows as version 2.
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/rectification/bases/{Code}", Ct));
        Assert.Contains("data-field=\"added\"", page);
        Assert.Contains("新增小类液化气钢瓶", page);
        var (edited, detail) = await SendAsync(admin, HttpMethod.Put, $"/api/v1/rectification/bases/{Code}",
            NewBasis(null, b => { b.Remove("subcategoryCode"); b["requirementsEn"] = "Move LPG cylinders out of bedrooms and escape routes."; b["version"] = 1; }));
        Assert.True(edited == HttpStatusCode.OK, detail.ToString());
        Assert.Equal([2, 1], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("version").GetInt32()));

        // The notice is issued now, with the texts added.
        var (issued, notice) = await SendAsync(command, HttpMethod.Post, $"/api/v1/cases/{caseId}/rectification-notices", new { });
        Assert.True(issued == HttpStatusCode.Created, notice.ToString());
        Assert.Equal("《中华人民共和国消防法》第二十八条；《城镇燃气管理条例》第二十八条。", notice.GetProperty("basis").GetString());
        Assert.StartsWith("将液化石油气钢瓶移出住人房间", notice.GetProperty("requirements").GetString());
    }

    [Fact]
    public async Task A_bad_addition_is_refused_naming_each_field_and_nothing_is_written()
    {
        using var admin = await app.SignedInAsync("admin");
        var (status, problem) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/bases", NewBasis("env_dumping", b =>
        {
            b["basisEn"] = " ";
            b["requirementsZh"] = new string('改', 2001);
            b["note"] = new string('说', 501);
        }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["basisEn", "note", "requirementsZh", "subcategoryCode"], ErrorFields(problem));
        Assert.Contains("不是出租屋隐患大类", Error(problem, "subcategoryCode"));
        Assert.Contains("environment_order", Error(problem, "subcategoryCode"));
        Assert.Contains("法律依据（英文）不能为空", Error(problem, "basisEn"));
        Assert.Contains("整改要求（中文）最多 2000 字", Error(problem, "requirementsZh"));

        (status, problem) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/bases", NewBasis("no_such_thing"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["subcategoryCode"], ErrorFields(problem));
        Assert.Contains("“no_such_thing” 不是现行的出租屋隐患小类", Error(problem, "subcategoryCode"));

        (status, problem) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/bases", NewBasis("  "));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("小类代码不能为空", Error(problem, "subcategoryCode"));

        // A sub-category that has its (seeded) basis: 409, edit it instead.
        (status, problem) = await SendAsync(admin, HttpMethod.Post, "/api/v1/rectification/bases", NewBasis("fire_wiring"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());

        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM rectification_basis WHERE subcategory_code IN ('env_dumping', 'no_such_thing')) + (SELECT count(*) FROM rectification_basis_change WHERE subcategory_code IN ('env_dumping', 'no_such_thing', 'fire_wiring'))", Ct));

        using var command = await app.SignedInAsync("command");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(command, HttpMethod.Post, "/api/v1/rectification/bases", NewBasis("fire_wiring"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(command, HttpMethod.Get, "/api/v1/rectification/missing-bases")).Status);
    }
}
