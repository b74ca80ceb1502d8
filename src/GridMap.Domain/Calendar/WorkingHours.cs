using System.Globalization;

namespace GridMap.Domain.Calendar;

/// <summary>One stretch of working time within a working day, in local wall-clock time; end exclusive.</summary>
public readonly record struct WorkingPeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;

    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The working hours of every working day, e.g. 08:30-12:00 and 14:00-17:30 (the Guangdong
/// government office day with its long lunch break). Periods are sorted, do not overlap and stay
/// within one day, which is what lets the calendar walk them day by day.
/// </summary>
public sealed class WorkingHours
{
    public static readonly WorkingHours Default = Parse("08:30-12:00,14:00-17:30");

    private WorkingHours(IReadOnlyList<WorkingPeriod> periods)
    {
        Periods = periods;
        DailyLength = TimeSpan.FromTicks(periods.Sum(p => p.Length.Ticks));
    }

    public IReadOnlyList<WorkingPeriod> Periods { get; }

    /// <summary>Working time in one working day: what one working day of a limit is worth.</summary>
    public TimeSpan DailyLength { get; }

    public static WorkingHours Of(IEnumerable<WorkingPeriod> periods)
    {
        var sorted = periods.OrderBy(p => p.Start).ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("Working hours need at least one period.", nameof(periods));
        }

        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].End <= sorted[i].Start)
            {
                throw new ArgumentException($"Working period {sorted[i]} ends before it starts (periods cannot cross midnight).", nameof(periods));
            }

            if (i > 0 && sorted[i].Start < sorted[i - 1].End)
            {
                throw new ArgumentException($"Working periods {sorted[i - 1]} and {sorted[i]} overlap.", nameof(periods));
            }
        }

        return new WorkingHours(sorted);
    }

    /// <summary>Parses "08:30-12:00,14:00-17:30" (commas or semicolons between periods).</summary>
    public static WorkingHours Parse(string text) =>
        Of(text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParsePeriod));

    public static WorkingHours Parse(IEnumerable<string> periods) => Of(periods.Select(p => ParsePeriod(p.Trim())));

    private static WorkingPeriod ParsePeriod(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            throw new FormatException($"'{text}' is not a working period like '08:30-12:00'");
        }

        return new WorkingPeriod(start, end);
    }

    public bool Contains(TimeOnly local) => Periods.Any(p => local >= p.Start && local < p.End);

    public override string ToString() => string.Join(",", Periods);
}
