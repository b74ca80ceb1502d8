using System.Globalization;
using GridMap.Data.Open311;
using GridMap.Domain.Cases;

namespace GridMap.Web.Open311;

/// <summary>
/// The filters of GET requests, read as the specification states them: service_request_id
/// (comma-separated, overrides the rest), service_code (comma-separated), start_date/end_date
/// (W3C date-times; without an offset they are the district's wall-clock time; the range
/// defaults to the last 90 days and may not span more), status (open, closed or both).
/// </summary>
public static class Open311RequestFilter
{
    public sealed record Result(ServiceRequestQuery? Query, string? Error);

    public static Result Parse(
        string? ids, string? serviceCodes, string? startText, string? endText, string? status, DateTimeOffset now, TimeZoneInfo zone, int maxDays)
    {
        var numbers = Split(ids);
        foreach (var number in numbers)
        {
            if (!CaseNumber.TryParse(number, out _))
            {
                return Fail($"service_request_id '{number}' is not a request id like 441302010-20261124-0001");
            }
        }

        DateTimeOffset? start = null, end = null;
        if (startText is not null)
        {
            if (ParseInstant(startText, zone) is not { } s)
            {
                return Fail($"start_date '{startText}' is not a W3C date-time such as 2026-11-01T00:00:00+08:00");
            }

            start = s;
        }

        if (endText is not null)
        {
            if (ParseInstant(endText, zone) is not { } e)
            {
                return Fail($"end_date '{endText}' is not a W3C date-time such as 2026-11-30T23:59:59+08:00");
            }

            end = e;
        }

        var span = TimeSpan.FromDays(maxDays);
        var to = end ?? (start is { } from ? from + span : now);
        var since = start ?? to - span;
        if (since > to)
        {
            return Fail("start_date is after end_date");
        }

        if (to - since > span)
        {
            return Fail($"start_date to end_date spans {(to - since).TotalDays:0.#} days; at most {maxDays} days may be asked at once");
        }

        bool? closed = null;
        var statuses = Split(status);
        foreach (var value in statuses)
        {
            if (value is not ("open" or "closed"))
            {
                return Fail($"status '{value}' is not open or closed");
            }
        }

        if (statuses.Distinct().Count() == 1)
        {
            closed = statuses[0] == "closed";
        }

        return new Result(new ServiceRequestQuery
        {
            Numbers = numbers,
            ServiceCodes = Split(serviceCodes),
            Start = since,
            End = to,
            Closed = closed,
        }, null);
    }

    /// <summary>An instant from a W3C date-time; without an offset it is wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTimeOffset? ParseInstant(string text, TimeZoneInfo zone)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        if (parsed.Kind != DateTimeKind.Unspecified)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact) ? exact : null;
        }

        return new DateTimeOffset(parsed, zone.GetUtcOffset(parsed));
    }

    private static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    private static Result Fail(string error) => new(null, error);
}
