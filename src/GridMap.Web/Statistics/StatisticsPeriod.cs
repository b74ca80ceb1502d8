using System.Globalization;

namespace GridMap.Web.Statistics;

/// <summary>
/// A statistics period: whole calendar days in the district's time zone (Asia/Shanghai),
/// <see cref="To"/> inclusive. <see cref="Start"/> and <see cref="End"/> are the instants of
/// local midnight at the start of <see cref="From"/> and after <see cref="To"/>.
/// </summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End)
{
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static StatisticsPeriod Of(DateOnly from, DateOnly to, TimeZoneInfo zone) =>
        new(from, to, LocalMidnight(from, zone), LocalMidnight(to.AddDays(1), zone));

    public static StatisticsPeriod Month(int year, int month, TimeZoneInfo zone)
    {
        var first = new DateOnly(year, month, 1);
        return Of(first, first.AddMonths(1).AddDays(-1), zone);
    }

    /// <summary>The calendar month that contains <paramref name="now"/> in the district's zone.</summary>
    public static StatisticsPeriod CurrentMonth(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return Month(local.Year, local.Month, zone);
    }

    /// <summary>
    /// Reads <c>from</c>/<c>to</c> (yyyy-MM-dd, both or neither; neither is the current month).
    /// On bad input returns the field at fault and why.
    /// </summary>
    public static (StatisticsPeriod? Period, string? Field, string? Error) Parse(string? from, string? to, DateTimeOffset now, TimeZoneInfo zone)
    {
        var hasFrom = !string.IsNullOrWhiteSpace(from);
        var hasTo = !string.IsNullOrWhiteSpace(to);
        if (!hasFrom && !hasTo)
        {
            return (CurrentMonth(now, zone), null, null);
        }

        if (!hasFrom)
        {
            return (null, "from", "from (yyyy-MM-dd) is required with to");
        }

        if (!hasTo)
        {
            return (null, "to", "to (yyyy-MM-dd, inclusive) is required with from");
        }

        if (!TryDate(from!, out var fromDate))
        {
            return (null, "from", $"from must be a date yyyy-MM-dd (got '{from}')");
        }

        if (!TryDate(to!, out var toDate))
        {
            return (null, "to", $"to must be a date yyyy-MM-dd (got '{to}')");
        }

        if (toDate < fromDate)
        {
            return (null, "to", $"to ({toDate:yyyy-MM-dd}) is before from ({fromDate:yyyy-MM-dd})");
        }

        var period = Of(fromDate, toDate, zone);
        if (period.Days > MaxDays)
        {
            return (null, "to", $"the period has {period.Days} days; at most {MaxDays}");
        }

        return (period, null, null);
    }

    /// <summary>Reads a month yyyy-MM.</summary>
    public static (StatisticsPeriod? Period, string? Error) ParseMonth(string? month, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            return (null, "month (yyyy-MM) is required");
        }

        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || month.Length != 7 || first.Year < 2000)
        {
            return (null, $"month must be yyyy-MM, e.g. 2026-11 (got '{month}')");
        }

        return (Month(first.Year, first.Month, zone), null);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date.Year >= 2000;

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
