namespace GridMap.Domain.Live;

/// <summary>
/// A shift as the shift table stores it: local wall-clock start and end. An end before the start
/// crosses midnight; 23:59 means "to midnight" because a time column cannot hold 24:00; equal
/// start and end mean all day.
/// </summary>
public sealed record ShiftWindow(string Code, TimeOnly StartsAt, TimeOnly EndsAt)
{
    private static readonly TimeOnly s_lastMinute = new(23, 59);

    public bool Contains(TimeOnly local)
    {
        if (StartsAt == EndsAt)
        {
            return true;
        }

        if (StartsAt < EndsAt)
        {
            return local >= StartsAt && (EndsAt == s_lastMinute || local < EndsAt);
        }

        return local >= StartsAt || local < EndsAt;
    }
}

/// <summary>
/// Shifts are wall-clock times in the district's time zone (District:TimeZone), whatever zone
/// the server runs in; "now" comes from a <see cref="TimeProvider"/> so tests can move time.
/// </summary>
public sealed class ShiftClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public bool IsOnShift(ShiftWindow shift, DateTimeOffset instant) =>
        shift.Contains(TimeOnly.FromTimeSpan(ToLocal(instant).TimeOfDay));

    public bool IsOnShiftNow(ShiftWindow shift) => IsOnShift(shift, Now);

    /// <summary>Local midnight of the day that contains <paramref name="instant"/>, as an instant.</summary>
    public DateTimeOffset StartOfLocalDay(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var midnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>Local midnight today.</summary>
    public DateTimeOffset Today => StartOfLocalDay(Now);
}
