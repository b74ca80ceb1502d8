using Bunit;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web.Components.Panels;
using GridMap.Web.Worklist;

namespace GridMap.ComponentTests;

/// <summary>The case panel's markup: which actions it offers to whom, the deadline and the timeline.</summary>
public sealed class CasePanelTests
{
    private const long AssigneeOfficer = 501;
    private static readonly DateTimeOffset Reported = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly WorkingCalendar Calendar =
        new(PublishedHolidays.Year2026, WorkingHours.Default, WorkingCalendar.FindZone(WorkingCalendar.DefaultTimeZoneId), PublishedHolidays.Years);

    private static CaseActor Officer(long officerId) => CaseActor.User(70, UserRole.GridOfficer, officerId, "李秀英");

    private static readonly CaseActor Leader = CaseActor.User(20, UserRole.GridLeader, 900, "陈建国");

    private static readonly CaseActor Command = CaseActor.User(2, UserRole.Command, null, "指挥中心值班员");

    private static CaseDetail Case(CaseState state, DateTimeOffset? deadline = null, int escalation = 0)
    {
        var limit = TimeLimit.WorkingDays(1);
        var events = new List<CaseEvent>
        {
            new() { Sequence = 1, Action = CaseAction.Report, To = CaseState.Reported, Actor = Officer(AssigneeOfficer), At = Reported, Note = "楼道电动车充电" },
            new() { Sequence = 2, Action = CaseAction.Verify, From = CaseState.Reported, To = CaseState.Verified, Actor = Leader, At = Reported.AddMinutes(20) },
            new()
            {
                Sequence = 3, Action = CaseAction.Dispatch, From = CaseState.Verified, To = CaseState.Dispatched,
                Actor = CaseActor.System("dispatch", "自动派遣"), At = Reported.AddMinutes(21), AssigneeOfficerId = AssigneeOfficer,
                Rule = "rule: on-shift grid officer", Deadline = Reported.AddDays(1).AddMinutes(21),
            },
        };
        return new CaseDetail
        {
            Id = 42,
            Number = "441302010-20261124-0007",
            CategoryCode = "fire",
            SubcategoryCode = "fire_ebike_indoor",
            SubcategoryId = 1,
            SubcategoryNameZh = "电动自行车违规停放充电",
            SubcategoryNameEn = "E-bike parked or charged indoors",
            Description = "三楼楼道内两辆电动车充电",
            Lat = 23.1,
            Lon = 114.4,
            GridCode = Samples.Block,
            Severity = Severity.High,
            Source = CaseSource.Mobile,
            ReportedBy = "user:70",
            ReporterOfficerId = AssigneeOfficer,
            UpdatedAt = Reported.AddMinutes(21),
            Limits = new StageLimits(TimeLimit.WorkingHours(2), TimeLimit.WorkingHours(1), limit, TimeLimit.WorkingDays(1)),
            Status = new CaseStatus
            {
                Id = 42,
                GridCode = Samples.Block,
                State = state,
                Version = events.Count,
                AssigneeOfficerId = state is CaseState.Reported or CaseState.Verified ? null : AssigneeOfficer,
                Departments = ["fire", "street"],
                Stage = CaseStage.Handling,
                StageStartedAt = Reported.AddMinutes(21),
                Deadline = deadline ?? Reported.AddDays(1).AddMinutes(21),
                StageLimit = limit,
                EscalationLevel = escalation,
                CreatedAt = Reported,
            },
            Timeline = events,
        };
    }

    private static CasePanelModel Model(CaseDetail detail, CaseActor viewer, DateTimeOffset? now = null) => new()
    {
        Case = detail,
        Viewer = viewer,
        Now = now ?? Reported.AddHours(2),
        Calendar = Calendar,
        GridName = "新华村第一网格三片区",
        OfficerNames = new Dictionary<long, string> { [AssigneeOfficer] = "李秀英", [502] = "王志强" },
        Departments = new Dictionary<string, (string, string)> { ["fire"] = ("消防救援", "Fire and rescue") },
        Officers = [new CaseOfficerChoice(502, "王志强", Samples.Block, "grid_officer", OnShift: true)],
        AntiforgeryToken = "token-123",
    };

    private static List<string> Actions(IRenderedComponent<CasePanel> panel) =>
        panel.FindAll("[data-testid^='case-action-']")
            .Select(e => e.GetAttribute("data-testid")!)
            .Where(t => !t.StartsWith("case-action-open-", StringComparison.Ordinal))
            .Select(t => t["case-action-".Length..])
            .ToList();

    [Fact]
    public void The_assignee_may_accept_a_dispatched_case_and_nothing_a_leader_does()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<CasePanel>(p => p.Add(x => x.Model, Model(Case(CaseState.Dispatched), Officer(AssigneeOfficer))));

        Assert.Equal(["accept"], Actions(panel));
        var form = panel.Find("form[data-testid='case-action-accept']");
        Assert.Equal("/fragments/cases/42/actions", form.GetAttribute("hx-post"));
        Assert.Equal("closest .gm-case-panel", form.GetAttribute("hx-target"));
        Assert.Equal("outerHTML", form.GetAttribute("hx-swap"));
        Assert.Equal("token-123", form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value"));
        Assert.Equal("3", form.QuerySelector("input[name='version']")!.GetAttribute("value"));
    }

    [Fact]
    public void Handling_is_offered_only_to_the_assignee_as_a_hint_for_the_phone()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var assignee = ctx.Render<CasePanel>(p => p.Add(x => x.Model, Model(Case(CaseState.InHandling), Officer(AssigneeOfficer))));
        var other = ctx.Render<CasePanel>(p => p.Add(x => x.Model, Model(Case(CaseState.InHandling), Officer(777))));

        Assert.Equal(["handle"], Actions(assignee));
        Assert.Empty(assignee.FindAll("form[data-testid='case-action-handle']"));
        Assert.Contains("移动端", assignee.Find("[data-testid='case-action-handle']").TextContent);
        Assert.Empty(Actions(other));
        Assert.NotNull(other.Find("[data-testid='case-no-actions']"));
    }

    [Fact]
    public void A_grid_leader_reassigns_and_escalates_with_a_reason_and_an_officer_picker()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<CasePanel>(p => p.Add(x => x.Model, Model(Case(CaseState.Dispatched), Leader)));

        Assert.Equal(["reassign", "escalate"], Actions(panel));
        var reassign = panel.Find("form[data-testid='case-action-reassign']");
        Assert.True(reassign.QuerySelector("textarea[name='note']")!.HasAttribute("required"));
        var option = reassign.QuerySelector("select[name='assignee'] option[value='502']")!;
        Assert.Equal("true", option.GetAttribute("data-on-shift"));
        Assert.Contains("在岗", option.TextContent);
    }

    [Fact]
    public void The_command_centre_checks_returns_and_closes_but_only_when_legal()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var handled = ctx.Render<CasePanel>(p => p.Add(x => x.Model, Model(Case(CaseState.Handled), Command)));
        var verified = ctx.Render<CasePanel>(p => p.Add(x => x.Model, Model(Case(CaseState.Verified), Command)));

        Assert.Equal(["check_pass", "return", "escalate"], Actions(handled));
        Assert.True(handled.Find("form[data-testid='case-action-return'] textarea[name='note']").HasAttribute("required"));
        Assert.Equal(["cancel", "dispatch", "park", "escalate"], Actions(verified));
        var cancel = verified.Find("form[data-testid='case-action-cancel']");
        Assert.Equal(["invalid", "duplicate"], cancel.QuerySelectorAll("select[name='cancelReason'] option").Select(o => o.GetAttribute("value")));
        Assert.NotNull(cancel.QuerySelector("input[name='duplicateOf']"));
    }

    [Fact]
    public void The_timeline_lists_every_event_with_who_when_in_Shanghai_and_what_it_changed()
    {
        using var ctx = new PanelTestContext("zh-CN");
        var panel = ctx.Render<CasePanel>(p => p.Add(x => x.Model, Model(Case(CaseState.Dispatched), Command)));

        var items = panel.FindAll("[data-testid='case-timeline'] > li");
        Assert.Equal(["report", "verify", "dispatch"], items.Select(i => i.GetAttribute("data-action")));
        Assert.Contains("2026-11-24 09:00", items[0].TextContent);
        Assert.Contains("网格员 李秀英", items[0].TextContent);
        Assert.Contains("楼道电动车充电", items[0].TextContent);
        Assert.Contains("网格长 陈建国", items[1].TextContent);
        var dispatch = items[2];
        Assert.Contains("派遣", dispatch.TextContent);
        Assert.Contains("李秀英", dispatch.QuerySelector("[data-fact='assignee']")!.TextContent);
        Assert.Contains("本网格在岗网格员", dispatch.QuerySelector("[data-fact='rule']")!.TextContent);
        Assert.Contains("2026-11-25 09:21", dispatch.QuerySelector("[data-fact='deadline']")!.TextContent);
    }

    [Fact]
    public void Deadline_shows_remaining_working_time_overdue_escalation_and_an_unpublished_year()
    {
        using var ctx = new PanelTestContext("en");
        // Handling started Tuesday 09:21 with 1 working day: due Wednesday 09:21; at Wednesday 11:21 it is 2 working hours late.
        var overdue = ctx.Render<CasePanel>(p => p.Add(x => x.Model,
            Model(Case(CaseState.Dispatched, escalation: 1), Command, now: Reported.AddDays(1).AddHours(2).AddMinutes(21))));
        var deadline = overdue.Find("[data-testid='case-deadline']");
        Assert.Equal("overdue", deadline.GetAttribute("data-deadline-state"));
        Assert.Contains("overdue by 2 h 0 min (working time)", deadline.TextContent);
        Assert.NotNull(overdue.Find("[data-testid='case-overdue']"));
        Assert.Contains("second-level grid leader", overdue.Find("[data-testid='case-escalation']").TextContent);
        Assert.Empty(overdue.FindAll("[data-testid='case-calendar-unpublished']"));
        Assert.Contains("E-bike parked or charged indoors", overdue.Markup);

        var next = Case(CaseState.Dispatched, deadline: new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.FromHours(8)));
        var unpublished = ctx.Render<CasePanel>(p => p.Add(x => x.Model, Model(next, Command)));
        Assert.Contains("2027", unpublished.Find("[data-testid='case-calendar-unpublished']").TextContent);
    }
}
