using System.Globalization;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Cases;

/// <summary>
/// The one place that turns the domain's codes into the names people read (SharedResource*.resx).
/// The Domain carries codes only; every page, panel, timeline and script config asks here, so a
/// state has the same name on the map legend, the feed, the panel, the worklist and the phone.
/// </summary>
public static class CaseNames
{
    public static string StateName(this IStringLocalizer localizer, CaseState state) =>
        localizer[$"Case_State_{state.ToCode()}"];

    public static string ActionName(this IStringLocalizer localizer, CaseAction action) =>
        localizer[$"Case_Action_{action.ToCode()}"];

    public static string RoleName(this IStringLocalizer localizer, UserRole role) =>
        localizer[$"Role_{role.ToCode()}"];

    public static string SeverityName(this IStringLocalizer localizer, Severity severity) =>
        localizer[$"Worklist_Severity_{severity.ToCode()}"];

    public static string StageName(this IStringLocalizer localizer, CaseStage stage) =>
        localizer[$"Worklist_Stage_{stage.ToCode()}"];

    /// <summary>"紧急工作时" / "emergency hours".</summary>
    public static string UnitName(this IStringLocalizer localizer, TimeLimitUnit unit) =>
        localizer[$"Case_Unit_{unit.ToCode()}"];

    /// <summary>"2工作日" / "2 working days".</summary>
    public static string LimitName(this IStringLocalizer localizer, TimeLimit limit) =>
        string.Format(CultureInfo.CurrentCulture, localizer[$"Case_Amount_{limit.Unit.ToCode()}"],
            limit.Amount.ToString("0.##", CultureInfo.InvariantCulture));

    /// <summary>
    /// A system process by its stable key (<c>system:dispatch</c>); the name stored with the event
    /// is only the fallback for a process this version does not know.
    /// </summary>
    public static string SystemName(this IStringLocalizer localizer, CaseActor actor)
    {
        var name = localizer[$"Case_System_{actor.Key}"];
        return name.ResourceNotFound ? actor.Name : name.Value;
    }
}
