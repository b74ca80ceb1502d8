namespace GridMap.Domain.Calendar;

/// <summary>What the State Council's annual notice makes of a date.</summary>
public enum CalendarDayKind
{
    /// <summary>A public holiday or a day off given in exchange (放假), whatever the weekday.</summary>
    Holiday,

    /// <summary>An adjusted working day (调休上班日): a Saturday or Sunday worked in exchange.</summary>
    WorkingDay,
}

public static class CalendarDayKinds
{
    public static string ToCode(this CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "holiday",
        CalendarDayKind.WorkingDay => "working_day",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static CalendarDayKind FromCode(string code) => code switch
    {
        "holiday" => CalendarDayKind.Holiday,
        "working_day" => CalendarDayKind.WorkingDay,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown calendar day kind."),
    };
}

/// <summary>An exception to the Monday-to-Friday rule, as published (name of the holiday it belongs to).</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string NameZh, string NameEn);
