using System.Globalization;
using GridMap.Data.Cases;
using GridMap.Domain.Calendar;

namespace GridMap.Web.Administration;

/// <summary>A refused line of a pasted year: its number (1-based), the text and why.</summary>
public sealed record CalendarLineError(int Line, string Text, string Message)
{
    public override string ToString() => $"第 {Line} 行 / line {Line}: {Message} — “{Text}”";
}

/// <summary>
/// Reads a year's arrangement pasted as lines <c>2027-01-01 holiday 元旦 New Year</c>: date, kind
/// (<c>holiday</c> 放假 or <c>working_day</c> 调休上班), Chinese name (one word), English name
/// (the rest, optional). Blank lines and lines starting with <c>#</c> are skipped. Every bad line
/// is reported with its number; a text with any bad line yields no days.
/// </summary>
public static class CalendarYearText
{
    public static (IReadOnlyList<CalendarDay> Days, IReadOnlyList<CalendarLineError> Errors) Parse(int year, string? text)
    {
        var days = new List<CalendarDay>();
        var errors = new List<CalendarLineError>();
        var seen = new Dictionary<DateOnly, int>();
        var lines = (text ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, 4, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3)
            {
                errors.Add(new(number, line, "应为“日期 类型 中文名 [英文名]” / expected 'date kind name_zh [name_en]'"));
                continue;
            }

            if (!DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new(number, line, $"'{parts[0]}' 不是日期 yyyy-MM-dd / is not a date yyyy-MM-dd"));
                continue;
            }

            if (date.Year != year)
            {
                errors.Add(new(number, line, $"{date:yyyy-MM-dd} 不在 {year} 年 / is not in {year}"));
                continue;
            }

            CalendarDayKind kind;
            switch (parts[1].ToLowerInvariant())
            {
                case "holiday" or "放假" or "休":
                    kind = CalendarDayKind.Holiday;
                    break;
                case "working_day" or "workday" or "上班" or "班":
                    kind = CalendarDayKind.WorkingDay;
                    break;
                default:
                    errors.Add(new(number, line, $"'{parts[1]}' 不是 holiday（放假）或 working_day（调休上班） / is not holiday or working_day"));
                    continue;
            }

            if (kind == CalendarDayKind.WorkingDay && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add(new(number, line, $"{date:yyyy-MM-dd} 是{ZhWeekday(date)}，只有周末才能调休上班 / is a {date.DayOfWeek}: only a weekend day can be an adjusted working day"));
                continue;
            }

            if (seen.TryGetValue(date, out var first))
            {
                errors.Add(new(number, line, $"{date:yyyy-MM-dd} 已在第 {first} 行 / already on line {first}"));
                continue;
            }

            seen[date] = number;
            var nameZh = parts[2];
            var nameEn = parts.Length > 3 ? parts[3].Trim() : nameZh;
            days.Add(new CalendarDay(date, kind, nameZh, nameEn));
        }

        return errors.Count > 0 ? ([], errors) : (days, errors);
    }

    /// <summary>The arrangement as lines <see cref="Parse"/> reads back.</summary>
    public static string Format(IEnumerable<CalendarDay> days) =>
        string.Join('\n', days.OrderBy(d => d.Date).Select(d => $"{d.Date:yyyy-MM-dd} {d.Kind.ToCode()} {d.NameZh} {d.NameEn}"));

    public static string ZhWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "周一",
        DayOfWeek.Tuesday => "周二",
        DayOfWeek.Wednesday => "周三",
        DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五",
        DayOfWeek.Saturday => "周六",
        _ => "周日",
    };
}

/// <summary>The outcome of a calendar edit: done, or the field (or lines) at fault and nothing changed.</summary>
public sealed record CalendarEditResult(bool Saved, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<CalendarLineError> LineErrors)
{
    public static readonly CalendarEditResult Done = new(true, new Dictionary<string, string[]>(), []);

    public static CalendarEditResult Invalid(string field, string message) =>
        new(false, new Dictionary<string, string[]> { [field] = [message] }, []);
}

/// <summary>
/// An administrator's calendar edits for the page and the API: one date (holiday, working day, or
/// back to the weekday rule) or a whole year from pasted lines. Both go through
/// <see cref="CalendarRepository"/>, which records the change and invalidates
/// <see cref="WorkingCalendarSource"/>, so the next deadline computed uses the edit.
/// </summary>
public sealed class CalendarAdministration(CalendarRepository calendar, ILogger<CalendarAdministration> logger)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public CalendarRepository Repository => calendar;

    /// <summary><paramref name="kind"/>: <c>holiday</c>, <c>working_day</c>, or <c>normal</c> (remove the exception).</summary>
    public async Task<CalendarEditResult> SetDayAsync(
        string? dateText, string? kind, string? nameZh, string? nameEn, string changedBy, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(dateText?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year is < FirstYear or > LastYear)
        {
            return CalendarEditResult.Invalid("date", $"'{dateText}' 不是 {FirstYear}–{LastYear} 年间的日期 yyyy-MM-dd / is not a date yyyy-MM-dd between {FirstYear} and {LastYear}");
        }

        CalendarDayKind? parsed;
        switch (kind?.Trim())
        {
            case "holiday":
                parsed = CalendarDayKind.Holiday;
                break;
            case "working_day":
                parsed = CalendarDayKind.WorkingDay;
                break;
            case "normal" or null or "":
                parsed = null;
                break;
            default:
                return CalendarEditResult.Invalid("kind", $"'{kind}' 须为 holiday、working_day 或 normal / must be holiday, working_day or normal");
        }

        if (parsed == CalendarDayKind.WorkingDay && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            return CalendarEditResult.Invalid("kind", $"{date:yyyy-MM-dd} 是{CalendarYearText.ZhWeekday(date)}，只有周末才能调休上班 / is a {date.DayOfWeek}: only a weekend day can be an adjusted working day");
        }

        if (parsed is not null && string.IsNullOrWhiteSpace(nameZh))
        {
            return CalendarEditResult.Invalid("nameZh", "须填写节日名称（中文） / the name (Chinese) is required, e.g. 元旦");
        }

        var zh = nameZh?.Trim() ?? "";
        var en = string.IsNullOrWhiteSpace(nameEn) ? zh : nameEn.Trim();
        await calendar.SetDayAsync(date, parsed, zh, en, changedBy, cancellationToken);
        logger.LogInformation("Calendar {Date} set to {Kind} by {ChangedBy}", date, parsed?.ToCode() ?? "normal", changedBy);
        return CalendarEditResult.Done;
    }

    /// <summary>Replaces a year's arrangement with the pasted lines; any bad line refuses all of them.</summary>
    public async Task<CalendarEditResult> SetYearAsync(int year, string? text, string? source, string changedBy, CancellationToken cancellationToken)
    {
        if (year is < FirstYear or > LastYear)
        {
            return CalendarEditResult.Invalid("year", $"{year} 不在 {FirstYear}–{LastYear} / is not between {FirstYear} and {LastYear}");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return CalendarEditResult.Invalid("source", "须注明来源（如国务院办公厅通知） / the source is required (e.g. the State Council notice)");
        }

        var (days, lineErrors) = CalendarYearText.Parse(year, text);
        if (lineErrors.Count > 0)
        {
            return new CalendarEditResult(
                false,
                new Dictionary<string, string[]> { ["days"] = [.. lineErrors.Select(e => e.ToString())] },
                lineErrors);
        }

        if (days.Count == 0)
        {
            return CalendarEditResult.Invalid("days", "没有任何日期行 / no date lines were given");
        }

        await calendar.SetYearAsync(year, days, source.Trim(), changedBy, cancellationToken);
        logger.LogInformation("Calendar {Year} replaced by {ChangedBy}: {Count} days from {Source}", year, changedBy, days.Count, source);
        return CalendarEditResult.Done;
    }
}
