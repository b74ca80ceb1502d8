using Bunit;
using GridMap.Data.Live;
using GridMap.Domain.Cases;
using GridMap.Web.Components.Panels;
using GridMap.Web.Live;

namespace GridMap.ComponentTests;

/// <summary>The officer panel's current case line: "无" without open cases, else the cases themselves.</summary>
public sealed class OfficerPanelTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 25, 17, 30, 0, TimeSpan.FromHours(8));

    private static OfficerPanelModel Model(IReadOnlyList<OfficerCaseLine>? cases) => new(
        new OfficerDetail(7, "李秀英", "13800002222",
        [
            new OfficerDetailAssignment(Samples.Block, "一网格", "grid_officer", "专职网格员", "Grid officer", "day", "日班", "Day",
                new TimeOnly(8, 30), new TimeOnly(17, 30)),
        ]),
        Live: null, LastReportLocal: null, Age: null, AtGridCode: null, OnShift: true, OpenAlert: null, AlertSinceLocal: null,
        CurrentCases: cases);

    private static OfficerCaseLine Line(long id, CaseState state, bool overdue = false) =>
        new(id, $"441302010-20261124-{id:0000}", "电动自行车违规停放充电", "E-bike parked or charged indoors", state, Due, overdue);

    [Fact]
    public void Without_open_cases_the_current_case_is_none()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<OfficerPanel>(p => p.Add(x => x.Model, Model([])));

        Assert.Equal("无", panel.Find("[data-testid=officer-case]").TextContent.Trim());
    }

    [Fact]
    public void Open_cases_show_number_sub_category_state_and_deadline()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<OfficerPanel>(p => p.Add(x => x.Model, Model([Line(1, CaseState.InHandling, overdue: true), Line(2, CaseState.Dispatched)])));

        var items = panel.FindAll("[data-testid=officer-case] li");
        Assert.Equal(2, items.Count);
        Assert.Equal("in_handling", items[0].GetAttribute("data-state"));
        Assert.Contains("441302010-20261124-0001", items[0].TextContent);
        Assert.Contains("电动自行车违规停放充电", items[0].TextContent);
        Assert.Contains("处置中", items[0].TextContent);
        Assert.Contains("11-25 17:30", items[0].TextContent);
        Assert.Contains("gm-officer-case-overdue", items[0].ClassName);
        Assert.Contains("已派遣", items[1].TextContent);
        Assert.DoesNotContain("无", panel.Find("[data-testid=officer-case]").TextContent);
    }

    [Fact]
    public void More_cases_than_the_panel_lists_are_counted_and_English_names_are_used()
    {
        using var ctx = new PanelTestContext("en");
        var lines = Enumerable.Range(1, OfficerPanel.MaxCases + 1).Select(i => Line(i, CaseState.Accepted)).ToList();
        var panel = ctx.Render<OfficerPanel>(p => p.Add(x => x.Model, Model(lines)));

        Assert.Equal(OfficerPanel.MaxCases, panel.FindAll("[data-testid=officer-case] li").Count);
        Assert.Contains("1 more", panel.Find("[data-testid=officer-case]").TextContent);
        Assert.Contains("E-bike parked or charged indoors", panel.Find("[data-testid=officer-case] li").TextContent);
        Assert.Contains("Accepted", panel.Find("[data-testid=officer-case] li").TextContent);
    }
}
