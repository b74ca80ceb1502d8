using Bunit;
using GridMap.Web.Components.Panels;

namespace GridMap.ComponentTests;

public sealed class BuildingPanelTests
{
    [Fact]
    public void Shows_the_landlord_with_masked_numbers()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<BuildingPanel>(p => p.Add(x => x.Detail, Samples.RentalBuilding()));

        Assert.Equal("441302**********1X", panel.Find("[data-testid=landlord-id]").TextContent);
        Assert.Contains("139****8765", panel.Text());
        Assert.Contains("黄德明", panel.Text());
        Assert.Contains("身份证号", panel.Text());
        Assert.Contains("2024-03-15", panel.Text());
    }

    [Fact]
    public void Flags_overcrowded_units_and_the_large_rental_building()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<BuildingPanel>(p => p.Add(x => x.Detail, Samples.RentalBuilding()));

        var flagged = panel.FindAll("tr.gm-overcrowded");
        Assert.Single(flagged);
        Assert.Equal("102", flagged[0].GetAttribute("data-unit"));
        Assert.Equal("群租", panel.Find("[data-testid=overcrowded]").TextContent.Trim());
        Assert.Contains("1 个单元疑似群租", panel.Text());
        Assert.Equal("大型出租屋", panel.Find("[data-testid=large-rental]").TextContent.Trim());
        Assert.Equal(3, panel.FindAll("table.gm-units tbody tr").Count);
    }

    [Fact]
    public void Shows_kind_mode_and_a_link_to_the_grid()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<BuildingPanel>(p => p.Add(x => x.Detail, Samples.RentalBuilding()));

        Assert.Equal("自建出租屋", panel.Find("dd[data-kind=self_built]").TextContent);
        Assert.Equal("业主自管、公安督管", panel.Find("dd[data-mode=large_rental]").TextContent);
        var gridLink = panel.Find("a[data-select^='grid:']");
        Assert.Equal("grid:" + Samples.Block, gridLink.GetAttribute("data-select"));
        Assert.Equal("新华村第一网格三片区", gridLink.TextContent);
    }

    [Fact]
    public void Renders_in_English_when_the_culture_is_en()
    {
        using var ctx = new PanelTestContext("en");
        var panel = ctx.Render<BuildingPanel>(p => p.Add(x => x.Detail, Samples.RentalBuilding()));

        Assert.Equal("Overcrowded", panel.Find("[data-testid=overcrowded]").TextContent.Trim());
        Assert.Equal("Large rental building", panel.Find("[data-testid=large-rental]").TextContent.Trim());
        Assert.Equal("Self-built rental house", panel.Find("dd[data-kind=self_built]").TextContent);
        Assert.Contains("Landlord", panel.Text());
        Assert.Contains("ID number", panel.Text());
        Assert.DoesNotContain("群租", panel.Text());
    }

    [Fact]
    public void A_building_without_a_rental_house_says_so()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<BuildingPanel>(p => p.Add(x => x.Detail, Samples.PlainBuilding()));

        Assert.Contains("该建筑未登记为出租屋", panel.Text());
        Assert.Empty(panel.FindAll("[data-testid=landlord-id]"));
        Assert.Empty(panel.FindAll("[data-testid=large-rental]"));
    }

    [Fact]
    public void Offers_to_report_a_hazard_at_the_building()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var detail = Samples.RentalBuilding();
        var panel = ctx.Render<BuildingPanel>(p => p.Add(x => x.Detail, detail));

        var button = panel.Find("[data-testid=case-report-here]");
        Assert.Equal("在此上报", button.TextContent.Trim());
        Assert.Equal(detail.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), button.GetAttribute("data-case-report-building"));
    }
}
