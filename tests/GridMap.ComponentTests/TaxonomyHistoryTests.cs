using Bunit;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web.Administration;
using GridMap.Web.Components.Pages.Admin;

namespace GridMap.ComponentTests;

public sealed class TaxonomyHistoryTests
{
    private static readonly DateTimeOffset Seeded = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Edited = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    private static HazardSubcategory Version1() => new()
    {
        Id = 1,
        Code = "fire_ebike_indoor",
        CategoryCode = "fire_safety",
        NameZh = "电动自行车违规停放充电",
        NameEn = "E-bike parked or charged indoors",
        FilingConditionsZh = "室内停放充电。",
        FilingConditionsEn = "Parked or charged indoors.",
        ClosingConditionsZh = "已移出。",
        ClosingConditionsEn = "Moved out.",
        Severity = Severity.High,
        Departments = ["fire", "street"],
        Limits = new StageLimits(TimeLimit.WorkingHours(2), TimeLimit.WorkingHours(1), TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(1)),
        SortOrder = 10,
        Version = 1,
        ValidFrom = Seeded,
        ValidTo = Edited,
        ChangedBy = "seed",
    };

    private static IReadOnlyList<SubcategoryVersionEntry> TwoVersions() =>
        SubcategoryHistory.Build(
        [
            Version1(),
            Version1() with
            {
                Id = 2,
                Version = 2,
                Limits = Version1().Limits with { Handling = TimeLimit.WorkingDays(2) },
                Departments = ["fire"],
                ValidFrom = Edited,
                ValidTo = null,
                ChangedBy = "admin",
                ChangeNote = "按区标准调整",
            },
        ]);

    [Fact]
    public void Shows_each_version_newest_first_with_only_the_fields_that_changed()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var table = ctx.Render<TaxonomyHistory>(p => p.Add(x => x.Entries, TwoVersions()));

        var rows = table.FindAll("tr[data-version]");
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-version")));
        Assert.Contains("现行", rows[0].TextContent);
        Assert.Contains("admin", rows[0].TextContent);
        Assert.Contains("按区标准调整", rows[0].QuerySelector(".gm-change-note")!.TextContent);
        Assert.Contains("2026-11-24 10:00", rows[0].TextContent);

        var changed = rows[0].QuerySelectorAll("li[data-field]").Select(li => li.GetAttribute("data-field")).ToList();
        Assert.Equal(["limits.handling", "departments"], changed);
        var handling = rows[0].QuerySelector("li[data-field='limits.handling']")!;
        Assert.Contains("处置时限", handling.TextContent);
        Assert.Equal("1工作日 (1 working_days)", handling.QuerySelector("del")!.TextContent);
        Assert.Equal("2工作日 (2 working_days)", handling.QuerySelector("ins")!.TextContent);
        Assert.Equal("fire, street", rows[0].QuerySelector("li[data-field='departments'] del")!.TextContent);

        Assert.Contains("首个版本", rows[1].TextContent);
        Assert.Contains("seed", rows[1].TextContent);
        Assert.Empty(rows[1].QuerySelectorAll("li[data-field]"));
    }

    [Fact]
    public void Labels_are_English_with_the_English_UI_and_a_retired_sub_category_is_marked()
    {
        using var ctx = new PanelTestContext("en");
        var retired = SubcategoryHistory.Build([Version1()]);
        var table = ctx.Render<TaxonomyHistory>(p => p.Add(x => x.Entries, retired));

        Assert.Contains("retired", table.Find("tr[data-version='1']").TextContent);
        Assert.Contains("Changed by", table.Find("thead").TextContent);

        var both = ctx.Render<TaxonomyHistory>(p => p.Add(x => x.Entries, TwoVersions()));
        Assert.Contains("Handling limit", both.Find("li[data-field='limits.handling']").TextContent);
        Assert.DoesNotContain("retired", both.Find("tr[data-version='1']").TextContent);
    }
}
