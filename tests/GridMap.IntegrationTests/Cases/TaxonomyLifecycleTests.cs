using GridMap.Data.Cases;
using GridMap.Domain.Access;
using static GridMap.IntegrationTests.Cases.CasesFixture;

namespace GridMap.IntegrationTests.Cases;

/// <summary>Adding, retiring and reviving sub-categories and renaming categories (a database of its own: it changes the set).</summary>
public sealed class TaxonomyLifecycleTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task New_and_retired_sub_categories_and_category_revisions()
    {
        fixture.Clock.AdjustTime(new DateTimeOffset(2026, 12, 9, 9, 0, 0, China));
        var template = (await fixture.Taxonomy.GetSubcategoryAsync("env_dumping", null, Ct))!;
        var added = await fixture.Taxonomy.ReviseSubcategoryAsync(
            template with { Code = "env_shared_bikes", NameZh = "共享单车乱停放", NameEn = "Shared bikes parked in the way" }, "admin:6", "new", Ct);
        Assert.Equal(1, added.Version);
        await fixture.CreateAsync(fixture.Report(subcategory: "env_shared_bikes"));

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await fixture.Taxonomy.RetireSubcategoryAsync("env_shared_bikes", Ct)).Saved);
        Assert.False((await fixture.Taxonomy.RetireSubcategoryAsync("env_shared_bikes", Ct)).Saved);
        var refused = await fixture.Cases.CreateAsync(GridScope.Everything, fixture.Report(subcategory: "env_shared_bikes"), fixture.West1, Ct);
        Assert.Equal(CaseWriteOutcome.Refused, refused.Outcome);

        // Brought back later, it continues its version numbers.
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var back = await fixture.Taxonomy.ReviseSubcategoryAsync(
            template with { Code = "env_shared_bikes", NameZh = "共享单车乱停放", NameEn = "Shared bikes" }, "admin:6", "back", Ct);
        Assert.Equal(2, back.Version);

        var renamed = await fixture.Taxonomy.ReviseCategoryAsync("structural", "房屋结构安全", "Building structural safety", true, 30, "admin:6", "rename", Ct);
        Assert.Equal(2, renamed.Version);
        var categoryHistory = await fixture.Taxonomy.CategoryHistoryAsync("structural", Ct);
        Assert.Equal(["结构安全", "房屋结构安全"], categoryHistory.Select(c => c.NameZh));
        Assert.Equal(6, (await fixture.Taxonomy.ListCategoriesAsync(null, Ct)).Count);
    }
}
