using System.Globalization;

namespace GridMap.Domain.Calendar;

/// <summary>
/// How a time limit is counted (CJ/T 315 practice): on a continuous clock, or only inside the
/// working hours of working days.
/// </summary>
public enum TimeLimitUnit
{
    /// <summary>紧急工作时: continuous hours, day and night, holidays included.</summary>
    EmergencyHours,

    /// <summary>工作时: hours counted only inside the working hours of working days.</summary>
    WorkingHours,

    /// <summary>工作日: whole working days, each worth one full day of working hours.</summary>
    WorkingDays,
}

public static class TimeLimitUnits
{
    public static string ToCode(this TimeLimitUnit unit) => unit switch
    {
        TimeLimitUnit.EmergencyHours => "emergency_hours",
        TimeLimitUnit.WorkingHours => "working_hours",
        TimeLimitUnit.WorkingDays => "working_days",
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    public static TimeLimitUnit FromCode(string code) => code switch
    {
        "emergency_hours" => TimeLimitUnit.EmergencyHours,
        "working_hours" => TimeLimitUnit.WorkingHours,
        "working_days" => TimeLimitUnit.WorkingDays,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown time-limit unit."),
    };

    public static bool TryFromCode(string? code, out TimeLimitUnit unit)
    {
        switch (code)
        {
            case "emergency_hours": unit = TimeLimitUnit.EmergencyHours; return true;
            case "working_hours": unit = TimeLimitUnit.WorkingHours; return true;
            case "working_days": unit = TimeLimitUnit.WorkingDays; return true;
            default: unit = default; return false;
        }
    }
}

/// <summary>
/// A time limit as the taxonomy states it: an amount and the clock it runs on, e.g. 2 emergency
/// hours for a missing manhole cover, 2 working days for a rattling one. Fractions are allowed
/// (0.5 emergency hours = 30 minutes; 0.5 working days = half a day of working hours).
/// </summary>
public readonly record struct TimeLimit
{
    /// <summary>Upper bound that keeps a typo (2000 working days) from becoming a limit.</summary>
    public const decimal MaxAmount = 999m;

    public TimeLimit(decimal amount, TimeLimitUnit unit)
    {
        if (Validate(amount, unit) is { } error)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, error);
        }

        Amount = amount;
        Unit = unit;
    }

    public decimal Amount { get; }

    public TimeLimitUnit Unit { get; }

    public static TimeLimit EmergencyHours(decimal amount) => new(amount, TimeLimitUnit.EmergencyHours);

    public static TimeLimit WorkingHours(decimal amount) => new(amount, TimeLimitUnit.WorkingHours);

    public static TimeLimit WorkingDays(decimal amount) => new(amount, TimeLimitUnit.WorkingDays);

    public static string? Validate(decimal amount, TimeLimitUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            return $"unknown time-limit unit {(int)unit}";
        }

        if (amount <= 0)
        {
            return $"a time limit must be positive, not {amount.ToString(CultureInfo.InvariantCulture)}";
        }

        if (amount > MaxAmount)
        {
            return $"a time limit of {amount.ToString(CultureInfo.InvariantCulture)} {unit.ToCode()} is more than {MaxAmount}";
        }

        // Two decimals are what the database keeps (numeric(6,2)); more would silently round.
        if (decimal.Round(amount, 2) != amount)
        {
            return $"a time limit has at most two decimals, not {amount.ToString(CultureInfo.InvariantCulture)}";
        }

        return null;
    }

    /// <summary>Parses "2 working_days", "0.5 emergency_hours".</summary>
    public static TimeLimit Parse(string text)
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            || !TimeLimitUnits.TryFromCode(parts[1], out var unit))
        {
            throw new FormatException($"'{text}' is not a time limit like '2 working_days'");
        }

        return new TimeLimit(amount, unit);
    }

    public override string ToString() => $"{Amount.ToString("0.##", CultureInfo.InvariantCulture)} {Unit.ToCode()}";
}
