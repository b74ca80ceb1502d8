using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Data.Cases;
using GridMap.IntegrationTests.CasesApi;

namespace GridMap.IntegrationTests.Administration;

/// <summary>
/// The administration API over a copy of the demo district (clock at Tuesday 24 November 2026,
/// 10:00 Shanghai). Each test edits its own sub-categories or dates so they do not meet.
/// </summary>
public sealed class AdministrationApiTests(CasesApiApp app) : IClassFixture<CasesApiApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null) =>
        client.SendJsonAsync(method, url, body);

    private static async Task<JsonElement> SubcategoryAsync(HttpClient client, string code)
    {
        var taxonomy = await client.GetFromJsonAsync<JsonElement>("/api/v1/taxonomy", Ct);
        return taxonomy.GetProperty("categories").EnumerateArray()
            .SelectMany(c => c.GetProperty("subcategories").EnumerateArray())
            .Single(s => s.GetProperty("code").GetString() == code);
    }

    /// <summary>The current version as a PUT body, with one limit replaced.</summary>
    private static Dictionary<string, object?> EditBody(JsonElement current, string stage, decimal amount, string unit)
    {
        var limits = new Dictionary<string, object?>();
        foreach (var limit in current.GetProperty("limits").EnumerateObject())
        {
            limits[limit.Name] = limit.Name == stage
                ? new { amount, unit }
                : new { amount = limit.Value.GetProperty("amount").GetDecimal(), unit = limit.Value.GetProperty("unit").GetString()! };
        }

        return new Dictionary<string, object?>
        {
            ["categoryCode"] = current.GetProperty("categoryCode").GetString(),
            ["nameZh"] = current.GetProperty("nameZh").GetString(),
            ["nameEn"] = current.GetProperty("nameEn").GetString(),
            ["filingConditionsZh"] = current.GetProperty("filingConditionsZh").GetString(),
            ["filingConditionsEn"] = current.GetProperty("filingConditionsEn").GetString(),
            ["closingConditionsZh"] = current.GetProperty("closingConditionsZh").GetString(),
            ["closingConditionsEn"] = current.GetProperty("closingConditionsEn").GetString(),
            ["severity"] = current.GetProperty("severity").GetString(),
            ["limits"] = limits,
            ["departments"] = current.GetProperty("departments").EnumerateArray().Select(d => d.GetString()).ToArray(),
            ["version"] = current.GetProperty("version").GetInt32(),
        };
    }

    private static string[] ErrorFields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];

    [Fact]
    public async Task An_edit_saves_a_new_version_and_the_history_shows_both_with_what_changed()
    {
        using var admin = await app.SignedInAsync("admin");
        var before = await SubcategoryAsync(admin, "fire_wiring");
        Assert.Equal(1, before.GetProperty("version").GetInt32());

        var body = EditBody(before, "handling", 2, "working_days");
        body["note"] = "按新标准缩短处置时限";
        var (status, saved) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/fire_wiring", body);

        Assert.True(status == HttpStatusCode.OK, saved.ToString());
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.Equal("admin", saved.GetProperty("changedBy").GetString());
        Assert.Equal(2m, saved.GetProperty("limits").GetProperty("handling").GetProperty("amount").GetDecimal());

        var history = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/taxonomy/subcategories/fire_wiring/history", Ct)).EnumerateArray().ToList();
        Assert.Equal([1, 2], history.Select(h => h.GetProperty("subcategory").GetProperty("version").GetInt32()));
        Assert.Equal("seed", history[0].GetProperty("subcategory").GetProperty("changedBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, history[0].GetProperty("subcategory").GetProperty("validTo").ValueKind);
        Assert.Equal(JsonValueKind.Null, history[1].GetProperty("subcategory").GetProperty("validTo").ValueKind);
        Assert.Equal("按新标准缩短处置时限", history[1].GetProperty("subcategory").GetProperty("changeNote").GetString());
        var change = Assert.Single(history[1].GetProperty("changes").EnumerateArray());
        Assert.Equal("limits.handling", change.GetProperty("field").GetString());
        Assert.Equal("3 working_days", change.GetProperty("before").GetString());
        Assert.Equal("2 working_days", change.GetProperty("after").GetString());
    }

    [Fact]
    public async Task Cases_filed_before_an_edit_keep_their_version_and_deadline()
    {
        using var admin = await app.SignedInAsync("admin");
        using var command = await app.SignedInAsync("command");
        var first = await app.GridWithOfficerAsync(20);
        var old = await command.PostAsJsonAsync("/api/v1/cases", new { lat = first.Lat, lon = first.Lon, category = "fire_three_in_one", description = "三合一场所" }, Ct);
        Assert.Equal(HttpStatusCode.Created, old.StatusCode);
        var oldCase = await old.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var oldId = oldCase.GetProperty("id").GetInt64();
        var oldDeadline = oldCase.GetProperty("deadline").GetDateTimeOffset();

        var current = await SubcategoryAsync(admin, "fire_three_in_one");
        var (status, saved) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/fire_three_in_one", EditBody(current, "handling", 1, "working_days"));
        Assert.True(status == HttpStatusCode.OK, saved.ToString());

        var reread = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{oldId}", Ct);
        Assert.Equal(oldDeadline, reread.GetProperty("deadline").GetDateTimeOffset());
        var versions = await app.Service<TaxonomyRepository>().SubcategoryHistoryAsync("fire_three_in_one", Ct);
        Assert.Equal(versions[0].Id, await CaseSubcategoryIdAsync(oldId));

        var second = await app.GridWithOfficerAsync(21);
        var fresh = await command.PostAsJsonAsync("/api/v1/cases", new { lat = second.Lat, lon = second.Lon, category = "fire_three_in_one", description = "三合一场所" }, Ct);
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        var freshCase = await fresh.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(versions[1].Id, await CaseSubcategoryIdAsync(freshCase.GetProperty("id").GetInt64()));
        // Tuesday 10:00 + 1 working day = Wednesday 10:00; the old case still has its 5 working days.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8)), freshCase.GetProperty("deadline").GetDateTimeOffset());
        Assert.True(oldDeadline > freshCase.GetProperty("deadline").GetDateTimeOffset());
    }

    private async Task<long> CaseSubcategoryIdAsync(long caseId)
    {
        await using var query = app.Database.DataSource.CreateCommand("SELECT subcategory_id FROM hazard_case WHERE id = @id");
        query.Parameters.AddWithValue("id", caseId);
        return (long)(await query.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task Refusals_name_each_field_and_change_nothing()
    {
        using var admin = await app.SignedInAsync("admin");
        var current = await SubcategoryAsync(admin, "crowd_balcony");
        var body = EditBody(current, "handling", 1.234m, "working_days");
        body["limits"] = new Dictionary<string, object?>
        {
            ["verification"] = new { amount = 0m, unit = "working_hours" },
            ["dispatch"] = new { amount = 1m, unit = "hours" },
            ["handling"] = new { amount = 1.234m, unit = "working_days" },
            ["check"] = new { amount = 1m, unit = "working_days" },
        };
        body["nameZh"] = " ";
        body["departments"] = Array.Empty<string>();
        body["severity"] = "urgent";

        var (status, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/crowd_balcony", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            ["departments", "limits.dispatch.unit", "limits.handling.amount", "limits.verification.amount", "nameZh", "severity"],
            ErrorFields(problem));
        Assert.Contains("最多两位小数", problem.GetProperty("errors").GetProperty("limits.handling.amount")[0].GetString());

        var unknownDepartment = EditBody(current, "handling", 5, "working_days");
        unknownDepartment["departments"] = new[] { "housing", "nowhere" };
        var (status2, problem2) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/crowd_balcony", unknownDepartment);
        Assert.Equal(HttpStatusCode.BadRequest, status2);
        Assert.Contains("nowhere", problem2.GetProperty("errors").GetProperty("departments")[0].GetString());

        var badCode = EditBody(current, "handling", 5, "working_days");
        badCode["code"] = "Bad Code!";
        badCode.Remove("version");
        var (status3, problem3) = await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/subcategories", badCode);
        Assert.Equal(HttpStatusCode.BadRequest, status3);
        Assert.Equal(["code"], ErrorFields(problem3));

        var after = await SubcategoryAsync(admin, "crowd_balcony");
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.Single(await app.Service<TaxonomyRepository>().SubcategoryHistoryAsync("crowd_balcony", Ct));
    }

    [Fact]
    public async Task Non_admins_read_the_taxonomy_but_may_not_change_it()
    {
        using var officer = await app.SignedInAsync("officer01");
        using var command = await app.SignedInAsync("command");
        var current = await SubcategoryAsync(officer, "sec_foreigners");

        foreach (var client in new[] { officer, command })
        {
            var (put, problem) = await SendAsync(client, HttpMethod.Put, "/api/v1/taxonomy/subcategories/sec_foreigners", EditBody(current, "handling", 1, "working_days"));
            Assert.Equal(HttpStatusCode.Forbidden, put);
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Post, "/api/v1/taxonomy/subcategories/sec_foreigners/retire", new { version = 1 })).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Put, "/api/v1/calendar/days/2026-12-01", new { kind = "holiday", nameZh = "测试" })).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Post, "/api/v1/taxonomy/departments", new { code = "transport", nameZh = "交通", nameEn = "Transport" })).Status);
        }

        Assert.Equal(1, (await SubcategoryAsync(officer, "sec_foreigners")).GetProperty("version").GetInt32());
        using var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/taxonomy", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_codes_are_404_and_a_stale_version_is_409()
    {
        using var admin = await app.SignedInAsync("admin");
        var current = await SubcategoryAsync(admin, "biz_internet_cafe");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, HttpMethod.Get, "/api/v1/taxonomy/subcategories/no_such_thing/history")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/no_such_thing", EditBody(current, "handling", 1, "working_days"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/categories/no_such_thing", new { nameZh = "x", nameEn = "x", version = 1 })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/no_such_thing", new { nameZh = "x" })).Status);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/biz_internet_cafe", EditBody(current, "handling", 4, "working_days"))).Status);
        // The same edit again still names version 1, which is history now.
        var (status, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/biz_internet_cafe", EditBody(current, "handling", 3, "working_days"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(2, (await SubcategoryAsync(admin, "biz_internet_cafe")).GetProperty("version").GetInt32());

        var duplicate = EditBody(current, "handling", 3, "working_days");
        duplicate["code"] = "biz_internet_cafe";
        duplicate.Remove("version");
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/subcategories", duplicate)).Status);
    }

    [Fact]
    public async Task A_revision_from_a_clock_behind_the_current_version_is_409_and_writes_nothing()
    {
        using var admin = await app.SignedInAsync("admin");
        var start = app.Clock.GetUtcNow();
        try
        {
            var current = await SubcategoryAsync(admin, "biz_unlicensed_other");
            var (saved, _) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/biz_unlicensed_other", EditBody(current, "handling", 4, "working_days"));
            Assert.Equal(HttpStatusCode.OK, saved);
            var (category, _) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/categories/unlicensed_business",
                new { nameZh = "无证无照经营", nameEn = "Unlicensed trading", version = 1 });
            Assert.Equal(HttpStatusCode.OK, category);

            // Another node, whose clock is an hour behind, revises what this one just wrote.
            app.Clock.AdjustTime(start.AddHours(-1));
            var second = await SubcategoryAsync(admin, "biz_unlicensed_other");
            var (status, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/biz_unlicensed_other", EditBody(second, "handling", 3, "working_days"));
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Contains("clock", problem.GetProperty("title").GetString());
            Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());

            var (categoryStatus, _) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/categories/unlicensed_business",
                new { nameZh = "无证经营", nameEn = "Unlicensed business", version = 2 });
            Assert.Equal(HttpStatusCode.Conflict, categoryStatus);
            var (retireStatus, _) = await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/subcategories/biz_unlicensed_other/retire", new { version = 2 });
            Assert.Equal(HttpStatusCode.Conflict, retireStatus);

            // Nothing was written: version 2 is still current and open.
            var history = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/taxonomy/subcategories/biz_unlicensed_other/history", Ct)).EnumerateArray().ToList();
            Assert.Equal([1, 2], history.Select(h => h.GetProperty("subcategory").GetProperty("version").GetInt32()));
            Assert.Equal(JsonValueKind.Null, history[1].GetProperty("subcategory").GetProperty("validTo").ValueKind);

            // With the clocks agreeing again the same edit goes through.
            app.Clock.AdjustTime(start.AddMinutes(5));
            var (retried, _) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/biz_unlicensed_other", EditBody(second, "handling", 3, "working_days"));
            Assert.Equal(HttpStatusCode.OK, retried);
        }
        finally
        {
            app.Clock.AdjustTime(start);
        }
    }

    [Fact]
    public async Task A_sub_category_is_added_and_retired_and_departments_are_managed()
    {
        using var admin = await app.SignedInAsync("admin");
        var (added, _) = await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/departments", new { code = "transport", nameZh = "交通运输", nameEn = "Transport", sortOrder = 140 });
        Assert.Equal(HttpStatusCode.Created, added);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/departments", new { code = "transport", nameZh = "交通", nameEn = "Transport" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/transport", new { nameZh = "交通运输局" })).Status);

        var template = await SubcategoryAsync(admin, "env_dumping");
        var body = EditBody(template, "handling", 0.5m, "working_days");
        body["code"] = "env_parking";
        body["nameZh"] = "占道停车";
        body["nameEn"] = "Parking on the carriageway";
        body["departments"] = new[] { "urban", "transport" };
        body.Remove("version");
        var (created, saved) = await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/subcategories", body);
        Assert.True(created == HttpStatusCode.Created, saved.ToString());
        Assert.Equal(["urban", "transport"], saved.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/departments/transport", new { active = false })).Status);
        var (refused, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/subcategories/env_parking", EditBody(saved, "handling", 1, "working_days"));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("transport", problem.GetProperty("errors").GetProperty("departments")[0].GetString());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/subcategories/env_parking/retire", new { version = 1 })).Status);
        var taxonomy = await admin.GetFromJsonAsync<JsonElement>("/api/v1/taxonomy", Ct);
        Assert.DoesNotContain("env_parking", taxonomy.GetProperty("categories").EnumerateArray()
            .SelectMany(c => c.GetProperty("subcategories").EnumerateArray()).Select(s => s.GetProperty("code").GetString()));
        Assert.DoesNotContain("transport", taxonomy.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, HttpMethod.Post, "/api/v1/taxonomy/subcategories/env_parking/retire", new { version = 1 })).Status);

        var category = taxonomy.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "environment_order");
        var (renamed, _) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/categories/environment_order",
            new { nameZh = "环境与秩序", nameEn = "Environment and order", rentalHazard = false, version = category.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, renamed);
        var (emptyName, problem2) = await SendAsync(admin, HttpMethod.Put, "/api/v1/taxonomy/categories/environment_order", new { nameZh = "", nameEn = "x", version = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, emptyName);
        Assert.Equal(["nameZh"], ErrorFields(problem2));
    }

    [Fact]
    public async Task A_calendar_edit_changes_the_deadline_of_a_case_filed_afterwards()
    {
        using var admin = await app.SignedInAsync("admin");
        using var command = await app.SignedInAsync("command");
        var zone = TimeSpan.FromHours(8);
        try
        {
            // Warm the calendar cache so the edit has to invalidate it.
            var before = await command.PostAsJsonAsync("/api/v1/cases", await ReportBodyAsync(30), Ct);
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
            // Tuesday 10:00 + 2 working days (env_manhole_loose) = Thursday 10:00.
            Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 0, zone), (await before.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("deadline").GetDateTimeOffset());

            var (status, _) = await SendAsync(admin, HttpMethod.Put, "/api/v1/calendar/days/2026-11-25", new { kind = "holiday", nameZh = "临时放假", nameEn = "Extra day off" });
            Assert.Equal(HttpStatusCode.OK, status);

            var after = await command.PostAsJsonAsync("/api/v1/cases", await ReportBodyAsync(31), Ct);
            Assert.Equal(HttpStatusCode.Created, after.StatusCode);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, zone), (await after.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("deadline").GetDateTimeOffset());

            var year = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2026", Ct);
            Assert.True(year.GetProperty("published").GetBoolean());
            var day = year.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2026-11-25");
            Assert.Equal("holiday", day.GetProperty("kind").GetString());
            Assert.Equal("admin", day.GetProperty("changedBy").GetString());
            var change = year.GetProperty("changes").EnumerateArray().First();
            Assert.Equal("2026-11-25", change.GetProperty("date").GetString());
            Assert.Equal(JsonValueKind.Null, change.GetProperty("previousKind").ValueKind);
            Assert.Equal("holiday", change.GetProperty("kind").GetString());

            var (weekday, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/calendar/days/2026-11-24", new { kind = "working_day", nameZh = "调休" });
            Assert.Equal(HttpStatusCode.BadRequest, weekday);
            Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(admin, HttpMethod.Put, "/api/v1/calendar/days/2026-13-01", new { kind = "holiday", nameZh = "x" })).Status);
        }
        finally
        {
            await SendAsync(admin, HttpMethod.Put, "/api/v1/calendar/days/2026-11-25", new { kind = "normal" });
        }

        var restored = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2026", Ct);
        Assert.DoesNotContain("2026-11-25", restored.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()));
        var undo = restored.GetProperty("changes").EnumerateArray().First();
        Assert.Equal("holiday", undo.GetProperty("previousKind").GetString());
        Assert.Equal(JsonValueKind.Null, undo.GetProperty("kind").ValueKind);
    }

    private async Task<object> ReportBodyAsync(int skip)
    {
        var place = await app.GridWithOfficerAsync(skip);
        return new { lat = place.Lat, lon = place.Lon, category = "env_manhole_loose", description = "井盖松动" };
    }

    [Fact]
    public async Task A_pasted_year_with_a_bad_line_is_refused_with_its_line_number_and_nothing_changes()
    {
        using var admin = await app.SignedInAsync("admin");
        var unpublished = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2027", Ct);
        Assert.False(unpublished.GetProperty("published").GetBoolean());
        Assert.Contains("只按周末计算", unpublished.GetProperty("warning").GetString());

        var text = """
            # 2027 (test data)
            2027-01-01 holiday 元旦 New Year
            2027-02-30 holiday 春节 Spring Festival
            2027-01-04 working_day 元旦 New Year
            2027-01-02 holiday 元旦 New Year
            """;
        var (status, problem) = await SendAsync(admin, HttpMethod.Put, "/api/v1/calendar/2027", new { source = "test", text });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var lines = problem.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("line").GetInt32()).ToList();
        Assert.Equal([3, 4], lines);
        Assert.Contains("第 3 行", problem.GetProperty("errors").GetProperty("days")[0].GetString());
        var still = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2027", Ct);
        Assert.False(still.GetProperty("published").GetBoolean());
        Assert.Empty(still.GetProperty("days").EnumerateArray());

        var good = """
            2027-01-01 holiday 元旦 New Year
            2027-01-02 holiday 元旦 New Year
            2027-01-03 holiday 元旦 New Year
            2027-02-06 working_day 春节 Spring Festival
            """;
        var (ok, year) = await SendAsync(admin, HttpMethod.Put, "/api/v1/calendar/2027", new { source = "测试通知", text = good });
        Assert.True(ok == HttpStatusCode.OK, year.ToString());
        Assert.True(year.GetProperty("published").GetBoolean());
        Assert.Equal(4, year.GetProperty("days").GetArrayLength());
        Assert.Equal(4, year.GetProperty("changes").EnumerateArray().First().GetProperty("dayCount").GetInt32());
        var calendar = await app.Service<WorkingCalendarSource>().GetAsync(Ct);
        Assert.True(calendar.IsPublished(2027));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 6)));
    }
}
