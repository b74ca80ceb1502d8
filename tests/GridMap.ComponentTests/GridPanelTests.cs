using Bunit;
using GridMap.Web.Components.Panels;

namespace GridMap.ComponentTests;

public sealed class GridPanelTests
{
    [Fact]
    public void Lists_officers_with_Chinese_role_and_shift_names()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<GridPanel>(p => p.Add(x => x.Detail, Samples.Grid3()));

        var roles = panel.FindAll("td.gm-role").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["网格长", "专职网格员", "专职网格员", "驻格民警", "党组织书记"], roles);
        Assert.Contains("陈建国", panel.Text());
        Assert.Contains("日班", panel.Text());
        Assert.Contains("13800001111", panel.Find("tr[data-role=grid_leader] .gm-phone").TextContent);
    }

    [Fact]
    public void Groups_officers_by_grid_with_the_grid_itself_first()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<GridPanel>(p => p.Add(x => x.Detail, Samples.Grid3()));

        var groups = panel.FindAll(".gm-officer-group").Select(g => g.GetAttribute("data-grid")).ToList();
        Assert.Equal([Samples.Block, Samples.Grid, Samples.Community], groups);
        Assert.Contains("本网格", panel.FindAll(".gm-officer-grid")[0].TextContent);
        // Officers of an ancestor grid link to that grid.
        Assert.Equal("grid:" + Samples.Grid, panel.Find($".gm-officer-group[data-grid='{Samples.Grid}'] a").GetAttribute("data-select"));
    }

    [Fact]
    public void Shows_the_parent_chain_as_links_and_the_counts()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<GridPanel>(p => p.Add(x => x.Detail, Samples.Grid3()));

        var chain = panel.FindAll(".gm-chain a");
        Assert.Equal(["新华村", "新华村第一网格"], chain.Select(a => a.TextContent.Trim()));
        Assert.Equal("/?sel=grid:" + Samples.Community, chain[0].GetAttribute("href"));
        Assert.Equal("grid:" + Samples.Grid, chain[1].GetAttribute("data-select"));

        Assert.Equal("三级网格", panel.Find(".gm-level-badge").TextContent.Trim());
        Assert.Equal("41", panel.Find("[data-stat=buildings] dd").TextContent);
        Assert.Equal("812", panel.Find("[data-stat=residents] dd").TextContent);
        Assert.Equal("305", panel.Find("[data-stat=households] dd").TextContent);
        Assert.Equal("78.8%", panel.Find("[data-stat=migrant-share] dd").TextContent);
        Assert.Contains("来穗人员占比", panel.Text());
        // A level-3 grid has no children to count.
        Assert.Empty(panel.FindAll("[data-stat=child-grids]"));
        // The map script flies to this box; numbers must not follow the UI culture.
        Assert.Equal("113.2101,23.1002,113.2155,23.1049", panel.Find("[data-panel=grid]").GetAttribute("data-bbox"));
    }

    [Fact]
    public void Renders_in_English_when_the_culture_is_en()
    {
        using var ctx = new PanelTestContext("en");
        var panel = ctx.Render<GridPanel>(p => p.Add(x => x.Detail, Samples.Grid3()));

        var roles = panel.FindAll("td.gm-role").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Grid leader", roles[0]);
        Assert.Contains("Resident police officer", roles);
        Assert.Equal("Level-3 grid", panel.Find(".gm-level-badge").TextContent.Trim());
        Assert.Contains("Migrant share", panel.Text());
        Assert.Contains("This grid", panel.Text());
        Assert.DoesNotContain("网格长", panel.Text());
    }

    [Fact]
    public void Says_so_when_no_one_is_assigned()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var detail = Samples.Grid3() with { Officers = [] };
        var panel = ctx.Render<GridPanel>(p => p.Add(x => x.Detail, detail));

        Assert.Empty(panel.FindAll("table.gm-officers"));
        Assert.Contains("暂无在岗人员", panel.Text());
    }
}
