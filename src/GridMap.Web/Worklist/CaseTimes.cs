using System.Globalization;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web.Cases;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Worklist;

/// <summary>How the worklist and the case panel write times, limits, remaining time and actors.</summary>
public static class CaseTimes
{
    /// <summary>Wall-clock time in the calendar's zone (Asia/Shanghai), whatever the server's zone.</summary>
    public static string Local(WorkingCalendar calendar, DateTimeOffset instant) =>
        calendar.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string LimitText(TimeLimit limit, IStringLocalizer localizer) =>
        string.Format(CultureInfo.CurrentCulture, localizer[$"Worklist_Limit_{limit.Unit.ToCode()}"],
            limit.Amount.ToString("0.##", CultureInfo.InvariantCulture));

    /// <summary>
    /// Time left (or past the deadline when negative) on the limit's own clock: working hours for
    /// working-time limits, so "3 h" there means three working hours, and the text says which
    /// clock it is. The one remaining-time text of the console (worklist, case panel) and the
    /// phone (task list, task page); working hours are never turned into calendar days.
    /// </summary>
    public static string RemainingText(TimeSpan remaining, TimeLimitUnit unit, IStringLocalizer localizer)
    {
        var span = remaining.Duration();
        var hours = (int)span.TotalHours;
        var amount = hours > 0
            ? string.Format(CultureInfo.CurrentCulture, localizer["Worklist_HoursMinutes"], hours, span.Minutes)
            : string.Format(CultureInfo.CurrentCulture, localizer["Worklist_Minutes"], span.Minutes);
        var clock = localizer[unit == TimeLimitUnit.EmergencyHours ? "Worklist_Clock_continuous" : "Worklist_Clock_working"];
        return string.Format(CultureInfo.CurrentCulture,
            localizer[remaining < TimeSpan.Zero ? "Worklist_OverdueBy" : "Worklist_Remaining"], amount, clock);
    }

    /// <summary>Role and name of a user; "system" or "Open311" with the process or key name otherwise.</summary>
    public static string ActorText(CaseActor actor, IStringLocalizer localizer) => actor.Kind switch
    {
        CaseActorKind.User when actor.Role is { } role => $"{localizer.RoleName(role)} {actor.Name}",
        CaseActorKind.User => actor.Name,
        CaseActorKind.System => $"{localizer["Worklist_System"]} · {localizer.SystemName(actor)}",
        _ => $"Open311 · {actor.Name}",
    };
}
