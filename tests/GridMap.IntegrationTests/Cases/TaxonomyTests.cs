using GridMap.Data;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using Microsoft.Extensions.Options;
using static GridMap.IntegrationTests.Cases.CasesFixture;

namespace GridMap.IntegrationTests.Cases;

/// <summary>The seeded taxonomy and calendar, and administrators' edits that keep their history.</summary>
public sealed class TaxonomyTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task The_default_taxonomy_is_seeded_complete_and_valid()
    {
        // A database of its own: other tests of this class revise the shared fixture's taxonomy.
        await using var database = await TestDatabase.CreateAsync(cancellationToken: Ct);
        var taxonomy = new TaxonomyRepository(database.DataSource, fixture.Clock);
        var categories = await taxonomy.ListCategoriesAsync(null, Ct);
        Assert.Equal(
            ["fire_safety", "overcrowding", "structural", "public_security", "unlicensed_business", "environment_order"],
            categories.Select(c => c.Code));
        Assert.All(categories.Where(c => c.Code != "environment_order"), c => Assert.True(c.RentalHazard));

        var subcategories = await taxonomy.ListSubcategoriesAsync(null, Ct);
        Assert.Equal(24, subcategories.Count);
        foreach (var code in new[]
        {
            "fire_ebike_indoor", "fire_escape_blocked", "fire_equipment_missing", "fire_wiring",
            "crowd_area", "crowd_partition", "crowd_balcony",
            "struct_alteration", "struct_dangerous",
            "biz_clinic", "biz_internet_cafe", "biz_childcare",
            "env_manhole_missing", "env_manhole_loose", "env_dumping", "env_street_business",
        })
        {
            Assert.Contains(subcategories, s => s.Code == code);
        }

        Assert.Contains(subcategories, s => s.CategoryCode == "public_security");
        Assert.All(subcategories, s =>
        {
            Assert.Empty(TaxonomyRules.Validate(s));
            Assert.Contains(s.CategoryCode, categories.Select(c => c.Code));
            Assert.Equal(1, s.Version);
            Assert.True(s.IsCurrent);
        });

        var missing = subcategories.Single(s => s.Code == "env_manhole_missing");
        Assert.Equal(TimeLimit.EmergencyHours(2), missing.Limits.Handling);
        Assert.Equal(Severity.Critical, missing.Severity);
        Assert.Equal(TimeLimit.WorkingDays(2), subcategories.Single(s => s.Code == "env_manhole_loose").Limits.Handling);

        var departments = (await taxonomy.ListDepartmentsAsync(includeRetired: false, Ct)).Select(d => d.Code).ToList();
        Assert.Superset(new HashSet<string> { "fire", "police", "housing", "market", "urban", "health", "education" }, departments.ToHashSet());
        Assert.All(subcategories.SelectMany(s => s.Departments), d => Assert.Contains(d, departments));
    }

    [Fact]
    public async Task The_2026_calendar_is_seeded_as_published()
    {
        // A database of its own: other tests of this class edit the shared fixture's calendar.
        await using var database = await TestDatabase.CreateAsync(cancellationToken: Ct);
        var calendar = await new WorkingCalendarSource(database.DataSource, Options.Create(new WorkingCalendarOptions()), DistrictTimeZone.Default, fixture.Clock).GetAsync(Ct);

        Assert.Equal(
            PublishedHolidays.All.Select(d => (d.Date, d.Kind, d.NameZh)).Order(),
            calendar.Days.Select(d => (d.Date, d.Kind, d.NameZh)).Order());
        Assert.True(calendar.IsPublished(2026));
        Assert.False(calendar.IsPublished(2027));
        Assert.Equal(WorkingHours.Default.ToString(), calendar.Hours.ToString());
    }

    [Fact]
    public async Task A_revision_is_a_new_version_and_running_cases_keep_their_limits()
    {
        var t0 = new DateTimeOffset(2026, 12, 7, 9, 0, 0, China); // Monday
        fixture.Clock.AdjustTime(t0);
        var before = await fixture.CreateAsync(fixture.Report(subcategory: "fire_wiring"));
        var v1 = await fixture.Taxonomy.GetSubcategoryAsync("fire_wiring", null, Ct);
        Assert.Equal(TimeLimit.WorkingDays(3), v1!.Limits.Handling);
        Assert.Equal(v1.Id, before.SubcategoryId);

        var t1 = t0.AddHours(1);
        fixture.Clock.AdjustTime(t1);
        var saved = await fixture.Taxonomy.ReviseSubcategoryAsync(
            v1 with { Limits = v1.Limits with { Handling = TimeLimit.WorkingDays(2) }, Departments = ["fire", "housing"], NameEn = "Unsafe wiring" },
            "admin:6", "2 working days per the 2026 campaign", Ct);
        Assert.True(saved.Saved, string.Join("; ", saved.Errors));
        Assert.Equal(2, saved.Version);

        var history = await fixture.Taxonomy.SubcategoryHistoryAsync("fire_wiring", Ct);
        Assert.Equal([1, 2], history.Select(h => h.Version));
        Assert.Equal(t1, history[0].ValidTo);
        Assert.Equal(t1, history[1].ValidFrom);
        Assert.Null(history[1].ValidTo);
        Assert.Equal(TimeLimit.WorkingDays(3), history[0].Limits.Handling);
        Assert.Equal(["fire", "street"], history[0].Departments.Order());
        Assert.Equal(["fire", "housing"], history[1].Departments.Order());

        Assert.Equal(1, (await fixture.Taxonomy.GetSubcategoryAsync("fire_wiring", t0.AddMinutes(30), Ct))!.Version);
        Assert.Equal(2, (await fixture.Taxonomy.GetSubcategoryAsync("fire_wiring", null, Ct))!.Version);
        Assert.Equal(1, (await fixture.Taxonomy.GetSubcategoryVersionAsync(before.SubcategoryId, Ct))!.Version);
        Assert.Equal(24, (await fixture.Taxonomy.ListSubcategoriesAsync(null, Ct)).Count);
        Assert.Equal(24, (await fixture.Taxonomy.ListSubcategoriesAsync(t0.AddMinutes(30), Ct)).Count);

        // The case filed before the edit is handled on the old limit (3 working days from 11:00 Monday)...
        fixture.Clock.AdjustTime(t0.AddHours(2));
        var old = await fixture.ApplyAsync(before, new CaseCommand(CaseAction.Verify, fixture.West1));
        old = await fixture.ApplyAsync(old, new CaseCommand(CaseAction.Dispatch, fixture.Command) { AssigneeOfficerId = fixture.OfficerWest1 });
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 11, 0, 0, China), old.Status.Deadline);

        // ...and one filed after it on the new one (2 working days), with the new departments.
        var after = await fixture.CreateAsync(fixture.Report(subcategory: "fire_wiring"));
        Assert.Equal(history[1].Id, after.SubcategoryId);
        Assert.Equal(["fire", "housing"], after.Status.Departments.Order());
        var fresh = await fixture.ApplyAsync(after, new CaseCommand(CaseAction.Verify, fixture.West1));
        fresh = await fixture.ApplyAsync(fresh, new CaseCommand(CaseAction.Dispatch, fixture.Command) { AssigneeOfficerId = fixture.OfficerWest1 });
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 11, 0, 0, China), fresh.Status.Deadline);
    }

    [Fact]
    public async Task Invalid_edits_are_refused_and_leave_the_history_alone()
    {
        fixture.Clock.AdjustTime(new DateTimeOffset(2026, 12, 8, 9, 0, 0, China));
        var current = (await fixture.Taxonomy.GetSubcategoryAsync("env_dumping", null, Ct))!;

        var unknown = await fixture.Taxonomy.ReviseSubcategoryAsync(current with { Departments = ["urban", "spaceforce"] }, "admin:6", null, Ct);
        Assert.False(unknown.Saved);
        Assert.Contains(unknown.Errors, e => e.Contains("spaceforce"));

        var invalid = await fixture.Taxonomy.ReviseSubcategoryAsync(current with { NameZh = "", CategoryCode = "no_such_category" }, "admin:6", null, Ct);
        Assert.False(invalid.Saved);
        Assert.Contains(invalid.Errors, e => e.Contains("Chinese name"));

        var category = await fixture.Taxonomy.ReviseSubcategoryAsync(current with { CategoryCode = "no_such_category" }, "admin:6", null, Ct);
        Assert.Contains(category.Errors, e => e.Contains("no_such_category"));

        Assert.Single(await fixture.Taxonomy.SubcategoryHistoryAsync("env_dumping", Ct));
    }

    [Fact]
    public async Task Calendar_edits_take_effect_for_new_deadlines()
    {
        fixture.Clock.AdjustTime(new DateTimeOffset(2026, 12, 11, 16, 30, 0, China)); // Friday
        // A hypothetical extra day off on Monday 14 December.
        await fixture.CalendarEdits.SetDayAsync(new DateOnly(2026, 12, 14), CalendarDayKind.Holiday, "临时调休", "Extra day off", "admin:6", Ct);

        var calendar = await fixture.Calendars.GetAsync(Ct);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 12, 14)));
        var created = await fixture.CreateAsync(fixture.Report()); // 2 working hours: 1 on Friday, 1 on Tuesday
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 9, 30, 0, China), created.Status.Deadline);

        await fixture.CalendarEdits.SetDayAsync(new DateOnly(2026, 12, 14), null, "", "", "admin:6", Ct);
        Assert.True((await fixture.Calendars.GetAsync(Ct)).IsWorkingDay(new DateOnly(2026, 12, 14)));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.CalendarEdits.SetDayAsync(new DateOnly(2026, 12, 14), CalendarDayKind.WorkingDay, "x", "x", "admin:6", Ct));

        await fixture.CalendarEdits.SetYearAsync(2027,
            [new CalendarDay(new DateOnly(2027, 1, 1), CalendarDayKind.Holiday, "元旦", "New Year's Day")], "test arrangement", "admin:6", Ct);
        var withNextYear = await fixture.Calendars.GetAsync(Ct);
        Assert.True(withNextYear.IsPublished(2027));
        Assert.False(withNextYear.IsWorkingDay(new DateOnly(2027, 1, 1)));
    }
}
