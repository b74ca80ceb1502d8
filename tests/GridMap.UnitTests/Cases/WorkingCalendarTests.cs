using GridMap.Domain.Calendar;
using static GridMap.UnitTests.Cases.CalendarTestKit;

namespace GridMap.UnitTests.Cases;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = Calendar2026;

    [Theory]
    // Inside one morning period.
    [InlineData("2026-11-23 09:00", "2 working_hours", "2026-11-23 11:00")]
    // Crossing the lunch break: one hour before 12:00, one after 14:00.
    [InlineData("2026-11-23 11:00", "2 working_hours", "2026-11-23 15:00")]
    // Starting during the lunch break: the clock starts at 14:00.
    [InlineData("2026-11-23 12:30", "1 working_hours", "2026-11-23 15:00")]
    // Starting before the office opens.
    [InlineData("2026-11-23 07:00", "1 working_hours", "2026-11-23 09:30")]
    // Starting in the evening: the clock starts the next morning.
    [InlineData("2026-11-23 19:00", "1 working_hours", "2026-11-24 09:30")]
    // Ending exactly at the end of a period gives that end, not the next opening.
    [InlineData("2026-11-23 08:30", "3.5 working_hours", "2026-11-23 12:00")]
    [InlineData("2026-11-23 08:30", "1 working_days", "2026-11-23 17:30")]
    // N working days from mid-morning: the same time N working days later.
    [InlineData("2026-11-23 10:00", "2 working_days", "2026-11-25 10:00")]
    [InlineData("2026-11-23 17:30", "1 working_days", "2026-11-24 17:30")]
    // Half a working day is half of the 7 working hours.
    [InlineData("2026-11-23 09:00", "0.5 working_days", "2026-11-23 14:30")]
    // A Friday afternoon skips the weekend.
    [InlineData("2026-11-27 16:00", "1 working_days", "2026-11-30 16:00")]
    [InlineData("2026-11-27 17:00", "1 working_hours", "2026-11-30 09:00")]
    public void Working_time_counts_only_inside_working_hours(string start, string limit, string expected)
    {
        Assert.Equal(Local(expected), Calendar.Deadline(Local(start), TimeLimit.Parse(limit)));
    }

    [Fact]
    public void A_start_on_a_holiday_waits_for_the_first_working_day_after_it()
    {
        // National Day 1-7 October 2026; Thursday 8 October is the next working day.
        var start = At(2026, 10, 1, 10);

        Assert.False(Calendar.IsWorkingDay(DateOnly.FromDateTime(start.DateTime)));
        Assert.Equal(At(2026, 10, 8, 9, 30), Calendar.Deadline(start, TimeLimit.WorkingHours(1)));
        Assert.Equal(At(2026, 10, 8, 17, 30), Calendar.Deadline(start, TimeLimit.WorkingDays(1)));
    }

    [Fact]
    public void A_holiday_in_the_middle_of_a_limit_is_skipped()
    {
        // Wednesday 30 September 16:00 + 1 working day: 1.5 h that day, then 1-7 October off,
        // then 5.5 h on Thursday 8 October (3.5 h before lunch, 2 h after).
        Assert.Equal(At(2026, 10, 8, 16), Calendar.Deadline(At(2026, 9, 30, 16), TimeLimit.WorkingDays(1)));
    }

    [Fact]
    public void An_adjusted_working_saturday_counts_as_a_working_day()
    {
        // Saturday 10 October 2026 is worked in exchange for National Day.
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.Equal(At(2026, 10, 10, 9, 30), Calendar.Deadline(At(2026, 10, 9, 16, 30), TimeLimit.WorkingHours(2)));

        // Spring Festival: Saturday 14 February is worked, 15-23 February are off.
        Assert.Equal(At(2026, 2, 14, 17), Calendar.Deadline(At(2026, 2, 13, 17), TimeLimit.WorkingDays(1)));
        Assert.Equal(At(2026, 2, 24, 17), Calendar.Deadline(At(2026, 2, 14, 17), TimeLimit.WorkingDays(1)));
    }

    [Theory]
    [InlineData("2026-01-01", false)] // New Year's Day, Thursday
    [InlineData("2026-01-04", true)]  // Sunday worked in exchange
    [InlineData("2026-02-14", true)]  // Saturday worked before Spring Festival
    [InlineData("2026-02-16", false)] // Monday in Spring Festival
    [InlineData("2026-05-09", true)]  // Saturday worked after Labour Day
    [InlineData("2026-06-19", false)] // Dragon Boat, Friday
    [InlineData("2026-09-20", true)]  // Sunday worked before National Day
    [InlineData("2026-09-25", false)] // Mid-Autumn, Friday
    [InlineData("2026-11-22", false)] // an ordinary Sunday
    [InlineData("2026-11-23", true)]  // an ordinary Monday
    public void Working_days_follow_the_published_arrangement(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void Emergency_hours_run_continuously_and_ignore_the_calendar()
    {
        // On a holiday, at night, over a weekend: the clock does not stop.
        Assert.Equal(At(2026, 10, 1, 12), Calendar.Deadline(At(2026, 10, 1, 10), TimeLimit.EmergencyHours(2)));
        Assert.Equal(At(2026, 11, 28, 1), Calendar.Deadline(At(2026, 11, 27, 23), TimeLimit.EmergencyHours(2)));
        Assert.Equal(At(2026, 11, 23, 12, 30), Calendar.Deadline(At(2026, 11, 23, 12), TimeLimit.EmergencyHours(0.5m)));
        Assert.Equal(TimeSpan.FromHours(50), Calendar.Elapsed(At(2026, 11, 27, 22), At(2026, 11, 30, 0), TimeLimitUnit.EmergencyHours));
    }

    [Fact]
    public void China_time_has_no_daylight_saving_and_the_callers_offset_does_not_matter()
    {
        var zone = Calendar.Zone;
        for (var day = new DateTime(2026, 1, 1); day.Year == 2026; day = day.AddHours(6))
        {
            Assert.Equal(China, zone.GetUtcOffset(day));
        }

        // 48 emergency hours across the US (8 March) and EU (29 March) clock changes are 48 wall-clock hours in Shanghai.
        Assert.Equal(At(2026, 3, 9, 10), Calendar.Deadline(At(2026, 3, 7, 10), TimeLimit.EmergencyHours(48)));
        Assert.Equal(At(2026, 3, 30, 10), Calendar.Deadline(At(2026, 3, 28, 10), TimeLimit.EmergencyHours(48)));
        Assert.Equal(At(2026, 3, 30, 16), Calendar.Deadline(At(2026, 3, 27, 16), TimeLimit.WorkingDays(1)));

        // The same instant given in UTC or in New York time gives the same deadline, in Shanghai time.
        var utc = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero); // 09:00 in Shanghai
        var newYork = utc.ToOffset(TimeSpan.FromHours(-5));
        var deadline = Calendar.Deadline(utc, TimeLimit.WorkingHours(2));
        Assert.Equal(At(2026, 11, 23, 11), deadline);
        Assert.Equal(China, deadline.Offset);
        Assert.Equal(deadline, Calendar.Deadline(newYork, TimeLimit.WorkingHours(2)));
    }

    [Fact]
    public void Remaining_time_is_on_the_limits_own_clock_and_negative_once_overdue()
    {
        var deadline = At(2026, 11, 25, 10); // Wednesday
        Assert.Equal(TimeSpan.FromHours(14), Calendar.Remaining(deadline, At(2026, 11, 23, 10), TimeLimitUnit.WorkingDays));
        Assert.Equal(TimeSpan.FromHours(48), Calendar.Remaining(deadline, At(2026, 11, 23, 10), TimeLimitUnit.EmergencyHours));

        Assert.False(WorkingCalendar.IsOverdue(deadline, deadline));
        Assert.True(WorkingCalendar.IsOverdue(deadline, deadline.AddTicks(1)));
        Assert.Equal(TimeSpan.FromHours(-1), Calendar.Remaining(deadline, At(2026, 11, 25, 11), TimeLimitUnit.WorkingHours));

        // Overdue since Friday 16:30 does not grow over the weekend in working time.
        var friday = At(2026, 11, 27, 16, 30);
        Assert.Equal(TimeSpan.FromHours(-1), Calendar.Remaining(friday, At(2026, 11, 27, 20), TimeLimitUnit.WorkingHours));
        Assert.Equal(TimeSpan.FromHours(-1), Calendar.Remaining(friday, At(2026, 11, 30, 8), TimeLimitUnit.WorkingHours));
        Assert.Equal(TimeSpan.FromHours(-1.5), Calendar.Remaining(friday, At(2026, 11, 30, 9), TimeLimitUnit.WorkingHours));
    }

    [Fact]
    public void Working_time_between_two_instants_is_antisymmetric_and_skips_breaks()
    {
        var monday9 = At(2026, 11, 23, 9);
        var tuesday9 = At(2026, 11, 24, 9);
        Assert.Equal(TimeSpan.FromHours(7), Calendar.WorkingTimeBetween(monday9, tuesday9));
        Assert.Equal(TimeSpan.FromHours(-7), Calendar.WorkingTimeBetween(tuesday9, monday9));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At(2026, 11, 23, 12), At(2026, 11, 23, 14)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At(2026, 10, 1, 0), At(2026, 10, 8, 8, 30)));
    }

    [Fact]
    public void Nearing_the_limit_at_the_configured_fraction()
    {
        // 10 working hours from Monday 08:30: 7 on Monday, 3 on Tuesday, due Tuesday 11:30.
        var start = At(2026, 11, 23, 8, 30);
        var limit = TimeLimit.WorkingHours(10);

        var early = Calendar.Status(start, limit, At(2026, 11, 23, 17));
        Assert.Equal(DeadlineState.OnTime, early.State);
        Assert.Equal(At(2026, 11, 24, 11, 30), early.Deadline);
        Assert.Equal(0.65, early.FractionElapsed, 6);

        // 80% = 8 working hours = Tuesday 09:30; the night in between does not count.
        Assert.Equal(DeadlineState.OnTime, Calendar.Status(start, limit, At(2026, 11, 24, 9, 29)).State);
        Assert.Equal(DeadlineState.Nearing, Calendar.Status(start, limit, At(2026, 11, 24, 9, 30)).State);
        Assert.Equal(DeadlineState.Nearing, Calendar.Status(start, limit, At(2026, 11, 24, 11, 30)).State);
        var late = Calendar.Status(start, limit, At(2026, 11, 24, 14, 30));
        Assert.Equal(DeadlineState.Overdue, late.State);
        Assert.Equal(TimeSpan.FromHours(-1), late.Remaining); // 11:30-12:00 and 14:00-14:30
        Assert.Equal(1.1, late.FractionElapsed, 6);

        // Configurable: warn at half time.
        Assert.Equal(DeadlineState.Nearing, Calendar.Status(start, limit, At(2026, 11, 23, 15, 30), nearingFraction: 0.5).State);
    }

    [Fact]
    public void Years_without_a_published_arrangement_fall_back_to_weekends_and_say_so()
    {
        Assert.True(Calendar.IsPublished(2026));
        Assert.False(Calendar.IsPublished(2027));
        // 1 January 2027 (a Friday) is not known to be a holiday yet.
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(WorkingCalendar.WeekendsOnly().IsPublished(2026));
    }

    [Fact]
    public void Working_hours_are_configurable_and_checked()
    {
        var continuous = new WorkingCalendar([], WorkingHours.Parse("09:00-18:00"), Calendar.Zone);
        Assert.Equal(TimeSpan.FromHours(9), continuous.Hours.DailyLength);
        Assert.Equal(At(2026, 11, 23, 18), continuous.Deadline(At(2026, 11, 23, 9), TimeLimit.WorkingDays(1)));
        Assert.Equal(At(2026, 11, 24, 10), continuous.Deadline(At(2026, 11, 23, 10), TimeLimit.WorkingDays(1)));
        Assert.Equal(TimeSpan.FromHours(7), WorkingHours.Default.DailyLength);
        Assert.Equal("08:30-12:00,14:00-17:30", new WorkingCalendarOptions().ParseWorkingHours().ToString());

        Assert.Throws<ArgumentException>(() => WorkingHours.Parse("08:00-12:00,11:00-17:00"));
        Assert.Throws<ArgumentException>(() => WorkingHours.Parse("18:00-08:00"));
        Assert.Throws<FormatException>(() => WorkingHours.Parse("8 to 12"));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(
            [new CalendarDay(new DateOnly(2026, 1, 1), CalendarDayKind.Holiday, "a", "a"), new CalendarDay(new DateOnly(2026, 1, 1), CalendarDayKind.Holiday, "b", "b")],
            WorkingHours.Default, Calendar.Zone));
    }

    [Fact]
    public void Time_limits_parse_and_refuse_nonsense()
    {
        Assert.Equal(TimeLimit.EmergencyHours(2), TimeLimit.Parse("2 emergency_hours"));
        Assert.Equal("0.5 working_days", TimeLimit.WorkingDays(0.5m).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.WorkingDays(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.WorkingDays(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.WorkingHours(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.WorkingHours(0.125m));
        Assert.Throws<FormatException>(() => TimeLimit.Parse("2 fortnights"));
    }

    [Fact]
    public void The_published_2026_arrangement_has_its_33_days_off_and_6_working_weekends()
    {
        Assert.Equal(33, PublishedHolidays.Year2026.Count(d => d.Kind == CalendarDayKind.Holiday));
        var worked = PublishedHolidays.Year2026.Where(d => d.Kind == CalendarDayKind.WorkingDay).ToList();
        Assert.Equal(6, worked.Count);
        Assert.All(worked, d => Assert.Contains(d.Date.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
    }

    private static DateTimeOffset Local(string text) =>
        new(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), China);
}
