using System.Globalization;
using GridMap.Data.Open311;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using Microsoft.Net.Http.Headers;

namespace GridMap.Web.Open311;

/// <summary>
/// How our case model reads in GeoReport terms: states → open/closed with a note, limits and
/// times as text, service requests as documents. Nothing here names a person.
/// </summary>
public static class Open311Mapping
{
    /// <summary>Closed and cancelled cases are "closed"; every other state (parked too) is "open".</summary>
    public static bool IsClosed(CaseState state) => state is CaseState.Closed or CaseState.Cancelled;

    public static string Status(CaseState state) => IsClosed(state) ? "closed" : "open";

    /// <summary>
    /// The status note: a fixed sentence per state. A cancellation says whether it was a duplicate
    /// (with the number of the case that goes on) or not valid; the free-text notes of staff are
    /// never shown, as they may name landlords, tenants or officers.
    /// </summary>
    public static string StatusNotes(CaseState state, CancelReason? reason, string? duplicateOf, bool english) => (state, english) switch
    {
        (CaseState.Reported, false) => "已受理，待网格工作人员现场核实",
        (CaseState.Reported, true) => "Received; awaiting verification on site by grid staff",
        (CaseState.Verified, false) => "已核实立案，待派遣",
        (CaseState.Verified, true) => "Verified and filed; awaiting dispatch",
        (CaseState.Dispatched, false) => "已派遣至责任网格员",
        (CaseState.Dispatched, true) => "Dispatched to the responsible grid officer",
        (CaseState.Accepted, false) => "责任人已签收",
        (CaseState.Accepted, true) => "Accepted by the person responsible",
        (CaseState.InHandling, false) => "处置中",
        (CaseState.InHandling, true) => "Being handled",
        (CaseState.Handled, false) => "已处置，待核查",
        (CaseState.Handled, true) => "Handled; awaiting the check on site",
        (CaseState.Checked, false) => "已核查，待结案",
        (CaseState.Checked, true) => "Checked on site; awaiting closure",
        (CaseState.Closed, false) => "已结案",
        (CaseState.Closed, true) => "Resolved and closed",
        (CaseState.Parked, false) => "挂账：暂缓处置，由指挥中心跟进",
        (CaseState.Parked, true) => "Parked: handling deferred, followed up by the command centre",
        (CaseState.Cancelled, false) when reason == CancelReason.Duplicate =>
            duplicateOf is null ? "已作废：重复上报" : $"已作废：与案件 {duplicateOf} 重复，以该案件为准",
        (CaseState.Cancelled, true) when reason == CancelReason.Duplicate =>
            duplicateOf is null ? "Cancelled: duplicate report" : $"Cancelled: duplicate of {duplicateOf}, which goes on",
        (CaseState.Cancelled, false) => "已作废：经核实不属实或不符合立案条件",
        (CaseState.Cancelled, true) => "Cancelled: not confirmed on site or not within the filing conditions",
        _ => state.ToCode(),
    };

    public static string Limit(TimeLimit limit, bool english)
    {
        var amount = limit.Amount.ToString("0.##", CultureInfo.InvariantCulture);
        if (!english)
        {
            // Open311 answers in the locale the client asks for, not in the console's UI culture.
            return limit.Unit switch
            {
                TimeLimitUnit.EmergencyHours => $"{amount}紧急工作时",
                TimeLimitUnit.WorkingHours => $"{amount}工作时",
                _ => $"{amount}工作日",
            };
        }

        return limit.Unit switch
        {
            TimeLimitUnit.EmergencyHours => $"{amount} hour(s), around the clock",
            TimeLimitUnit.WorkingHours => $"{amount} working hour(s)",
            _ => $"{amount} working day(s)",
        };
    }

    /// <summary>W3C date-time with the district's offset: 2026-11-24T10:00:00+08:00.</summary>
    public static string W3c(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// English when the request asks for it with <c>locale=en…</c>, or, without that parameter,
    /// when Accept-Language prefers English to Chinese; Chinese otherwise.
    /// </summary>
    public static bool WantsEnglish(HttpRequest request, string? locale)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            return locale.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase);
        }

        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage.Where(v => v is not null).Select(v => v!).ToList(), out var languages))
        {
            foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
            {
                var value = language.Value.Value ?? "";
                if (value.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                if (value.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static Open311Object Request(ServiceRequestRow row, bool english, TimeZoneInfo zone)
    {
        var agencies = english ? row.AgenciesEn : row.AgenciesZh;
        var closed = IsClosed(row.State);
        return Open311Object.Of(
            ("service_request_id", new Open311Text(row.Number)),
            ("status", new Open311Text(Status(row.State))),
            ("status_notes", new Open311Text(StatusNotes(row.State, row.CancelReason, row.DuplicateOfNumber, english))),
            ("service_name", new Open311Text(english ? row.SubcategoryNameEn : row.SubcategoryNameZh)),
            ("service_code", new Open311Text(row.SubcategoryCode)),
            ("description", new Open311Text(row.Description)),
            ("agency_responsible", new Open311Text(agencies.Count == 0 ? null : string.Join(english ? "; " : "、", agencies))),
            ("service_notice", new Open311Text(english
                ? $"Handling time limit: {Limit(row.HandlingLimit, true)}"
                : $"处置时限：{Limit(row.HandlingLimit, false)}")),
            ("requested_datetime", new Open311Text(W3c(row.CreatedAt, zone))),
            ("updated_datetime", new Open311Text(W3c(closed && row.ClosedAt is { } at ? at : row.UpdatedAt, zone))),
            ("expected_datetime", new Open311Text(closed || row.Deadline is not { } deadline ? null : W3c(deadline, zone))),
            ("address", new Open311Text(row.AddressString)),
            ("address_id", new Open311Text(null)),
            ("zipcode", new Open311Text(null)),
            ("lat", new Open311Number(row.Lat)),
            ("long", new Open311Number(row.Lon)),
            ("media_url", new Open311Text(row.MediaUrl)));
    }
}
