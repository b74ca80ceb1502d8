using GridMap.Domain.Calendar;

namespace GridMap.UnitTests.Cases;

/// <summary>The 2026 calendar with the default working hours, and Shanghai wall-clock instants.</summary>
internal static class CalendarTestKit
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static WorkingCalendar Calendar2026 { get; } = new(
        PublishedHolidays.All, WorkingHours.Default, WorkingCalendar.FindZone("Asia/Shanghai"), PublishedHolidays.Years);

    /// <summary>A Shanghai wall-clock time as an instant.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, China);
}
