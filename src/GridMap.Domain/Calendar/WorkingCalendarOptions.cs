namespace GridMap.Domain.Calendar;

/// <summary>
/// Configuration of the working calendar (section "Calendar"). The holidays themselves are data
/// (calendar_day); the hours of a working day and the zone are configuration because they are
/// set by the local government, not by the State Council's notice.
/// </summary>
public sealed class WorkingCalendarOptions
{
    public const string SectionName = "Calendar";

    public string TimeZoneId { get; set; } = WorkingCalendar.DefaultTimeZoneId;

    /// <summary>Working periods of a working day, local time, e.g. ["08:30-12:00", "14:00-17:30"].</summary>
    public List<string> WorkingHours { get; set; } = ["08:30-12:00", "14:00-17:30"];

    /// <summary>Fraction of a limit after which a case counts as nearing its deadline (warn the assignee).</summary>
    public double NearingFraction { get; set; } = DeadlineStatus.DefaultNearingFraction;

    public WorkingHours ParseWorkingHours() => Calendar.WorkingHours.Parse(WorkingHours);

    public TimeZoneInfo FindZone() => WorkingCalendar.FindZone(TimeZoneId);
}
