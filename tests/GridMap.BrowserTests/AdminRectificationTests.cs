using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>An administrator edits what rectification notices print, in Chromium.</summary>
public sealed class AdminRectificationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    [Fact]
    public async Task Admin_edits_the_e_bike_requirements_sees_the_history_and_adds_the_basis_of_a_new_sub_category()
    {
        const string requirements = "立即将电动自行车及其蓄电池移出室内和楼道，48小时内拆除全部飞线并到集中充电点充电。";
        var page = await fixture.SignInAsync("admin");
        await page.ClickAsync("[data-testid=nav-rectification]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin/rectification"));
        var row = page.Locator("tr[data-basis='fire_ebike_indoor']");
        Assert.StartsWith("立即将电动自行车及其蓄电池移出室内、楼道", (await row.Locator("td[data-column=requirements]").InnerTextAsync()).Trim());
        Assert.Contains("小金口街", await page.Locator("tr[data-office='441302010']").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-rectification.png") });

        await page.ClickAsync("[data-testid=edit-basis-fire_ebike_indoor]");
        await page.WaitForURLAsync(url => url.Contains("/admin/rectification/bases/fire_ebike_indoor"));
        Assert.Equal("v1", (await page.Locator("[data-testid=current-version]").InnerTextAsync()).Trim());

        // Emptied requirements are refused next to the field and nothing is saved.
        await page.FillAsync("#requirements-zh", "");
        await page.ClickAsync("[data-testid=save-basis]");
        var error = page.Locator("[data-error-for='requirementsZh']");
        await error.WaitForAsync();
        Assert.Contains("整改要求（中文）不能为空", await error.InnerTextAsync());
        Assert.Equal(1, await page.Locator("[data-testid=history-empty]").CountAsync());

        await page.FillAsync("#requirements-zh", requirements);
        await page.FillAsync("#note", "区消防办要求48小时内拆除飞线");
        await page.ClickAsync("[data-testid=save-basis]");
        await page.WaitForURLAsync(url => url.Contains("saved=2"));

        Assert.Equal("v2", (await page.Locator("[data-testid=current-version]").InnerTextAsync()).Trim());
        var change = page.Locator("[data-testid=basis-history] tr[data-version='2']");
        await change.WaitForAsync();
        Assert.Contains("admin", await change.InnerTextAsync());
        Assert.Contains("区消防办要求48小时内拆除飞线", await change.InnerTextAsync());
        var diff = change.Locator("li[data-field='requirementsZh']");
        Assert.StartsWith("立即将电动自行车及其蓄电池移出室内、楼道", await diff.Locator("del").InnerTextAsync());
        Assert.Equal(requirements, await diff.Locator("ins").InnerTextAsync());
        Assert.Equal(1, await change.Locator("li[data-field]").CountAsync());
        await page.Locator("[data-testid=basis-history]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-rectification-history.png"), FullPage = true });

        await page.GotoAsync(fixture.BaseUrl + "/admin/rectification");
        Assert.Equal(requirements, (await page.Locator("tr[data-basis='fire_ebike_indoor'] td[data-column=requirements]").InnerTextAsync()).Trim());

        // A sub-category added at /admin/taxonomy (here a copy of fire_wiring) is listed without a basis; adding one opens its edit page.
        await fixture.Database.ScalarAsync<long>(
            """
            WITH s AS (
                INSERT INTO hazard_subcategory (code, category_code, name_zh, name_en, filing_conditions_zh, filing_conditions_en, closing_conditions_zh,
                    closing_conditions_en, severity, verify_amount, verify_unit, dispatch_amount, dispatch_unit, handle_amount, handle_unit, check_amount, check_unit, sort_order)
                SELECT 'fire_gas_cylinder', category_code, '液化气钢瓶违规存放', 'LPG cylinders stored unsafely', filing_conditions_zh, filing_conditions_en, closing_conditions_zh,
                    closing_conditions_en, severity, verify_amount, verify_unit, dispatch_amount, dispatch_unit, handle_amount, handle_unit, check_amount, check_unit, sort_order + 1
                FROM hazard_subcategory WHERE code = 'fire_wiring' AND valid_to IS NULL RETURNING id)
            INSERT INTO hazard_subcategory_department SELECT id, 'fire' FROM s RETURNING subcategory_id
            """, TestContext.Current.CancellationToken);
        await page.ReloadAsync();
        await page.ClickAsync("[data-testid=add-basis-fire_gas_cylinder]");
        await page.FillAsync("#new-basis-zh", "《中华人民共和国消防法》第二十八条。");
        await page.FillAsync("#new-basis-en", "Fire Protection Law of the PRC, Article 28.");
        await page.FillAsync("#new-requirements-zh", "将液化石油气钢瓶移出住人房间和疏散通道。");
        await page.FillAsync("#new-requirements-en", "Move LPG cylinders out of bedrooms and escape routes.");
        await page.ClickAsync("[data-testid=add-basis]");
        await page.WaitForURLAsync(url => url.Contains("/admin/rectification/bases/fire_gas_cylinder?saved=1"));
        await page.Locator("[data-testid=basis-history] tr[data-version='1'] [data-field=added]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-rectification-basis-added.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
