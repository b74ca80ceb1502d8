namespace GridMap.Domain.Calendar;

/// <summary>
/// Configuration of the working calendar (section "Calendar"). The holidays themselves are data
/// (calendar_day); the hours of a working day are configuration because they are set by the
/// local government, not by the State Council's notice. The zone is the district's (District:TimeZone).
/// </summary>
public sealed class WorkingCalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>Working periods of a working day, local time, e.g. ["08:30-12:00", "14:00-17:30"].</summary>
    public List<string> WorkingHours { get; set; } = ["08:30-12:00", "14:00-17:30"];

    /// <summary>Fraction of a limit after which a case counts as nearing its deadline (warn the assignee).</summary>
    public double NearingFraction { get; set; } = DeadlineStatus.DefaultNearingFraction;

    public WorkingHours ParseWorkingHours() => Calendar.WorkingHours.Parse(WorkingHours);
}
