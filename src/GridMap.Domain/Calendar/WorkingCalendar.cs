namespace GridMap.Domain.Calendar;

/// <summary>
/// Time-limit arithmetic on the district's working calendar: Monday to Friday are working days
/// unless the published arrangement makes them holidays, and a Saturday or Sunday is one when it
/// is an adjusted working day (调休上班日). Working time is counted only inside
/// <see cref="WorkingHours"/>; emergency hours run continuously and ignore the calendar.
/// All wall-clock reasoning happens in the district's zone (Asia/Shanghai: UTC+8 with no
/// daylight saving since 1991), whatever zone the server or the caller's offset is in.
/// </summary>
public sealed class WorkingCalendar
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    // A calendar with no working day at all would make a working-time deadline loop forever;
    // ten years without one is a configuration error, not a deadline.
    private const int MaxSearchDays = 3660;

    private readonly Dictionary<DateOnly, CalendarDay> _days;
    private readonly HashSet<int> _publishedYears;

    public WorkingCalendar(IEnumerable<CalendarDay> days, WorkingHours hours, TimeZoneInfo zone, IEnumerable<int>? publishedYears = null)
    {
        _days = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in days)
        {
            if (!_days.TryAdd(day.Date, day))
            {
                throw new ArgumentException($"The calendar lists {day.Date:yyyy-MM-dd} twice.", nameof(days));
            }
        }

        Hours = hours;
        Zone = zone;
        _publishedYears = publishedYears is null ? _days.Keys.Select(d => d.Year).ToHashSet() : publishedYears.ToHashSet();
    }

    /// <summary>Weekends only, no holidays: for tests and for a district without a published calendar.</summary>
    public static WorkingCalendar WeekendsOnly(WorkingHours? hours = null, TimeZoneInfo? zone = null) =>
        new([], hours ?? WorkingHours.Default, zone ?? FindZone(DefaultTimeZoneId), []);

    public WorkingHours Hours { get; }

    public TimeZoneInfo Zone { get; }

    public IReadOnlyCollection<CalendarDay> Days => _days.Values;

    /// <summary>The zone by id; China Standard Time (UTC+8, no daylight saving) when the system lacks tz data.</summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? DefaultTimeZoneId : id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZoneId, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    /// <summary>
    /// Whether the year's holiday arrangement is loaded. Outside such a year the calendar still
    /// works, on weekends alone, which is why the console should warn when a deadline falls there.
    /// </summary>
    public bool IsPublished(int year) => _publishedYears.Contains(year);

    /// <summary>The published exception for a date (holiday or adjusted working day), if any.</summary>
    public CalendarDay? SpecialDay(DateOnly date) => _days.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date) => _days.TryGetValue(date, out var day)
        ? day.Kind == CalendarDayKind.WorkingDay
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && Hours.Contains(TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>How much of the limit's own clock a limit is: continuous hours, or working time.</summary>
    public TimeSpan Duration(TimeLimit limit) => limit.Unit switch
    {
        TimeLimitUnit.EmergencyHours or TimeLimitUnit.WorkingHours => FromHours(limit.Amount),
        TimeLimitUnit.WorkingDays => TimeSpan.FromTicks((long)(limit.Amount * Hours.DailyLength.Ticks)),
        _ => throw new ArgumentOutOfRangeException(nameof(limit)),
    };

    private static TimeSpan FromHours(decimal amount) => TimeSpan.FromTicks((long)(amount * TimeSpan.TicksPerHour));

    /// <summary>
    /// The instant a limit that starts at <paramref name="start"/> runs out, in local time.
    /// Working time starts counting at the next working instant (a report at 19:00 or on a
    /// holiday starts the clock when the next working period opens) and pauses over the lunch
    /// break, nights, weekends and holidays. When the limit runs out exactly at the end of a
    /// period the deadline is that end (17:30), not the next opening, so "1 working day" from
    /// 08:30 is 17:30 the same day and from 10:00 it is 10:00 the next working day.
    /// </summary>
    public DateTimeOffset Deadline(DateTimeOffset start, TimeLimit limit)
    {
        var duration = Duration(limit);
        return limit.Unit == TimeLimitUnit.EmergencyHours
            ? ToLocal(start + duration)
            : AddWorkingTime(start, duration);
    }

    /// <summary>The instant <paramref name="workingTime"/> of working time after <paramref name="start"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        if (workingTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "Working time to add must not be negative.");
        }

        var local = ToLocal(start).DateTime;
        var date = DateOnly.FromDateTime(local);
        var from = TimeOnly.FromDateTime(local);
        var remaining = workingTime;
        if (remaining == TimeSpan.Zero)
        {
            return ToLocal(start);
        }

        for (var i = 0; i < MaxSearchDays; i++, date = date.AddDays(1), from = TimeOnly.MinValue)
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var period in Hours.Periods)
            {
                var begin = from > period.Start ? from : period.Start;
                if (begin >= period.End)
                {
                    continue;
                }

                var available = period.End - begin;
                if (remaining <= available)
                {
                    return ToInstant(date, begin.ToTimeSpan() + remaining);
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException($"The calendar has no working time in the {MaxSearchDays} days after {start:O}.");
    }

    /// <summary>Working time between two instants; negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -WorkingTimeBetween(to, from);
        }

        var start = ToLocal(from).DateTime;
        var end = ToLocal(to).DateTime;
        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(start); date <= DateOnly.FromDateTime(end); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            var dayStart = date.ToDateTime(TimeOnly.MinValue);
            foreach (var period in Hours.Periods)
            {
                var begin = Max(dayStart + period.Start.ToTimeSpan(), start);
                var finish = Min(dayStart + period.End.ToTimeSpan(), end);
                if (finish > begin)
                {
                    total += finish - begin;
                }
            }
        }

        return total;
    }

    /// <summary>Time used between two instants on the clock of <paramref name="unit"/>.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, TimeLimitUnit unit) =>
        unit == TimeLimitUnit.EmergencyHours ? to - from : WorkingTimeBetween(from, to);

    /// <summary>
    /// Time left before <paramref name="deadline"/> on the limit's clock; negative once overdue
    /// (then it is how far past the deadline, on the same clock, so a case overdue on Friday
    /// evening does not grow more overdue over the weekend).
    /// </summary>
    public TimeSpan Remaining(DateTimeOffset deadline, DateTimeOffset now, TimeLimitUnit unit) => Elapsed(now, deadline, unit);

    /// <summary>Overdue strictly after the deadline: finishing at the deadline is on time.</summary>
    public static bool IsOverdue(DateTimeOffset deadline, DateTimeOffset now) => now > deadline;

    /// <summary>Where a limit that started at <paramref name="start"/> stands at <paramref name="now"/>.</summary>
    public DeadlineStatus Status(DateTimeOffset start, TimeLimit limit, DateTimeOffset now, double nearingFraction = DeadlineStatus.DefaultNearingFraction)
    {
        var deadline = Deadline(start, limit);
        return Status(start, deadline, limit, now, nearingFraction);
    }

    /// <summary>As <see cref="Status(DateTimeOffset, TimeLimit, DateTimeOffset, double)"/> for a deadline already computed (and stored).</summary>
    public DeadlineStatus Status(DateTimeOffset start, DateTimeOffset deadline, TimeLimit limit, DateTimeOffset now, double nearingFraction = DeadlineStatus.DefaultNearingFraction)
    {
        if (nearingFraction is <= 0 or > 1 || double.IsNaN(nearingFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(nearingFraction), nearingFraction, "The nearing fraction must be in (0, 1].");
        }

        var total = Elapsed(start, deadline, limit.Unit);
        var elapsed = now <= start ? TimeSpan.Zero : Elapsed(start, now, limit.Unit);
        var fraction = total > TimeSpan.Zero ? elapsed / total : (now > deadline ? double.PositiveInfinity : 0);
        var state = IsOverdue(deadline, now)
            ? DeadlineState.Overdue
            : fraction >= nearingFraction ? DeadlineState.Nearing : DeadlineState.OnTime;
        return new DeadlineStatus(ToLocal(deadline), Remaining(deadline, now, limit.Unit), fraction, state);
    }

    private DateTimeOffset ToInstant(DateOnly date, TimeSpan timeOfDay)
    {
        var wall = date.ToDateTime(TimeOnly.MinValue) + timeOfDay;
        return new DateTimeOffset(wall, Zone.GetUtcOffset(wall));
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
