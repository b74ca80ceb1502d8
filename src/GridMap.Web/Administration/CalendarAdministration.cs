using System.Globalization;
using GridMap.Data.Cases;
using GridMap.Domain.Calendar;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Administration;

/// <summary>A refused line of a pasted year: its number (1-based), the text and why.</summary>
public sealed record CalendarLineError(int Line, string Text, string Message);

/// <summary>
/// Reads a year's arrangement pasted as lines <c>2027-01-01 holiday 元旦 New Year</c>: date, kind
/// (<c>holiday</c> 放假 or <c>working_day</c> 调休上班), Chinese name (one word), English name
/// (the rest, optional). Blank lines and lines starting with <c>#</c> are skipped. Every bad line
/// is reported with its number; a text with any bad line yields no days.
/// </summary>
public static class CalendarYearText
{
    public static (IReadOnlyList<CalendarDay> Days, IReadOnlyList<CalendarLineError> Errors) Parse(int year, string? text, IStringLocalizer localizer)
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
                errors.Add(new(number, line, localizer["Admin_Error_CalendarLineShape"]));
                continue;
            }

            if (!DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new(number, line, localizer["Admin_Error_NotADate", parts[0]]));
                continue;
            }

            if (date.Year != year)
            {
                errors.Add(new(number, line, localizer["Admin_Error_DateNotInYear", Day(date), year]));
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
                    errors.Add(new(number, line, localizer["Admin_Error_CalendarKind", parts[1]]));
                    continue;
            }

            if (kind == CalendarDayKind.WorkingDay && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add(new(number, line, WeekdayNotWorking(date, localizer)));
                continue;
            }

            if (seen.TryGetValue(date, out var first))
            {
                errors.Add(new(number, line, localizer["Admin_Error_DateRepeated", Day(date), first]));
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

    /// <summary>"2026-03-04 is a Wednesday: only a weekend day …", the weekday named in the UI's language.</summary>
    public static string WeekdayNotWorking(DateOnly date, IStringLocalizer localizer) =>
        localizer["Admin_Error_WeekdayNotWorking", Day(date), CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(date.DayOfWeek)];

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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
public sealed class CalendarAdministration(
    CalendarRepository calendar, IStringLocalizer<SharedResource> localizer, ILogger<CalendarAdministration> logger)
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
            return CalendarEditResult.Invalid("date", localizer["Admin_Error_DateOutOfRange", dateText ?? "", FirstYear, LastYear]);
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
                return CalendarEditResult.Invalid("kind", localizer["Admin_Error_DayKind", kind]);
        }

        if (parsed == CalendarDayKind.WorkingDay && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            return CalendarEditResult.Invalid("kind", CalendarYearText.WeekdayNotWorking(date, localizer));
        }

        if (parsed is not null && string.IsNullOrWhiteSpace(nameZh))
        {
            return CalendarEditResult.Invalid("nameZh", localizer["Admin_Error_HolidayNameRequired"]);
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
            return CalendarEditResult.Invalid("year", localizer["Admin_Error_YearOutOfRange", year, FirstYear, LastYear]);
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return CalendarEditResult.Invalid("source", localizer["Admin_Error_SourceRequired"]);
        }

        var (days, lineErrors) = CalendarYearText.Parse(year, text, localizer);
        if (lineErrors.Count > 0)
        {
            return new CalendarEditResult(
                false,
                new Dictionary<string, string[]> { ["days"] = [.. lineErrors.Select(e => localizer["Admin_Error_CalendarLine", e.Line, e.Message, e.Text].Value)] },
                lineErrors);
        }

        if (days.Count == 0)
        {
            return CalendarEditResult.Invalid("days", localizer["Admin_Error_NoDateLines"]);
        }

        await calendar.SetYearAsync(year, days, source.Trim(), changedBy, cancellationToken);
        logger.LogInformation("Calendar {Year} replaced by {ChangedBy}: {Count} days from {Source}", year, changedBy, days.Count, source);
        return CalendarEditResult.Done;
    }
}
