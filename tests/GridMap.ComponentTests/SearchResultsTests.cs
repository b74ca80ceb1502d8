using Bunit;
using GridMap.Data.Grids;
using GridMap.Web.Components.Panels;

namespace GridMap.ComponentTests;

public sealed class SearchResultsTests
{
    [Fact]
    public void Lists_hits_as_links_the_map_script_can_follow()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var results = ctx.Render<SearchResults>(p => p
            .Add(x => x.Query, "新华")
            .Add(x => x.Hits, Samples.Hits()));

        var links = results.FindAll("a.gm-hit");
        Assert.Equal(2, links.Count);
        Assert.Equal("grid:" + Samples.Grid, links[0].GetAttribute("data-select"));
        Assert.Equal("/?sel=grid:" + Samples.Grid, links[0].GetAttribute("href"));
        Assert.Equal("113.2,23.1,113.22,23.11", links[0].GetAttribute("data-bbox"));
        Assert.Equal("building:90210", links[1].GetAttribute("data-select"));
        Assert.Equal(["网格", "建筑"], results.FindAll(".gm-hit-kind").Select(k => k.TextContent.Trim()));
        Assert.Contains("新华村东区五巷12号", links[1].TextContent);
    }

    [Fact]
    public void Says_when_nothing_matched()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var results = ctx.Render<SearchResults>(p => p
            .Add(x => x.Query, "不存在")
            .Add(x => x.Hits, Array.Empty<SearchHit>()));

        Assert.Contains("没有找到匹配的网格或建筑", results.Text());
    }

    [Fact]
    public void Renders_nothing_for_an_empty_query()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var results = ctx.Render<SearchResults>(p => p
            .Add(x => x.Query, "  ")
            .Add(x => x.Hits, Array.Empty<SearchHit>()));

        Assert.Equal("", results.Markup.Trim());
    }

    [Fact]
    public void Renders_in_English_when_the_culture_is_en()
    {
        using var ctx = new PanelTestContext("en");
        var results = ctx.Render<SearchResults>(p => p
            .Add(x => x.Query, "xinhua")
            .Add(x => x.Hits, Samples.Hits()));

        Assert.Equal(["Grid", "Building"], results.FindAll(".gm-hit-kind").Select(k => k.TextContent.Trim()));
    }
}
