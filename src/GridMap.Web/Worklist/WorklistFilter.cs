using System.Globalization;
using GridMap.Data.Cases;
using GridMap.Domain.Cases;
using Microsoft.AspNetCore.WebUtilities;

namespace GridMap.Web.Worklist;

/// <summary>
/// The worklist's filters, sort and page, as they travel in the query string of /worklist and
/// /fragments/worklist. Unknown or malformed values fall back to the default (the worklist is a
/// page, not an API: it shows something sensible rather than an error).
/// </summary>
public sealed record WorklistFilter
{
    public const int PageSize = 50;

    /// <summary>One open state, or null for every open state.</summary>
    public CaseState? State { get; init; }

    public bool Overdue { get; init; }

    public bool Nearing { get; init; }

    public bool Unassigned { get; init; }

    /// <summary>Grid code prefix (digits).</summary>
    public string? Grid { get; init; }

    /// <summary>Any part of a case number, or words of the description.</summary>
    public string? Text { get; init; }

    /// <summary>A category or sub-category code.</summary>
    public string? Category { get; init; }

    /// <summary>Reported on or after this day (the district's calendar).</summary>
    public DateOnly? ReportedFrom { get; init; }

    /// <summary>Reported on or before this day.</summary>
    public DateOnly? ReportedTo { get; init; }

    /// <summary>Closed and cancelled cases too (the record of what was done), not only open ones.</summary>
    public bool IncludeClosed { get; init; }

    /// <summary>Longer search text cannot match a number or a description word any better.</summary>
    public const int MaxTextLength = 100;

    public CaseListSort Sort { get; init; } = CaseListSort.Deadline;

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public static WorklistFilter From(IQueryCollection query)
    {
        string? Get(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        bool Flag(string name) => Get(name) is "1" or "true" or "on";

        var grid = Get("grid");
        var includeClosed = Flag("closed");
        var text = Get("q")?.Replace("\0", "", StringComparison.Ordinal);
        var category = Get("category");
        DateOnly? Day(string name) =>
            DateOnly.TryParseExact(Get(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        return new WorklistFilter
        {
            State = CaseStates.TryFromCode(Get("state"), out var state) && (includeClosed || state.IsOpen()) ? state : null,
            Text = text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text,
            Category = category is not null && TaxonomyRules.IsCode(category) ? category : null,
            ReportedFrom = Day("from"),
            ReportedTo = Day("to"),
            IncludeClosed = includeClosed,
            Overdue = Flag("overdue"),
            Nearing = Flag("nearing"),
            Unassigned = Flag("unassigned"),
            Grid = CaseRepository.IsGridPrefix(grid) ? grid : null,
            Sort = CaseListSorts.TryParse(Get("sort")) ?? CaseListSort.Deadline,
            Page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1,
        };
    }

    /// <summary>The query of this filter; days are read in <paramref name="zone"/> (the district's).</summary>
    public CaseListQuery ToQuery(DateTimeOffset now, TimeZoneInfo zone, int pageSize = PageSize) => new()
    {
        States = State is { } s ? [s] : [],
        OpenOnly = !IncludeClosed,
        GridPrefix = Grid,
        Text = Text,
        Category = Category,
        ReportedFrom = ReportedFrom is { } from ? StartOf(from, zone) : null,
        ReportedBefore = ReportedTo is { } to ? StartOf(to.AddDays(1), zone) : null,
        DeadlineBefore = Overdue ? now : null,
        Nearing = Nearing,
        Unassigned = Unassigned,
        Sort = Sort,
        Limit = pageSize,
        Offset = (Page - 1) * pageSize,
    };

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The query string of this filter (defaults left out), starting with '?' or empty.</summary>
    public string QueryString()
    {
        var parts = new Dictionary<string, string?>();
        if (IncludeClosed)
        {
            parts["closed"] = "1";
        }

        if (Text is not null)
        {
            parts["q"] = Text;
        }

        if (Category is not null)
        {
            parts["category"] = Category;
        }

        if (ReportedFrom is { } from)
        {
            parts["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (ReportedTo is { } to)
        {
            parts["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (State is { } s)
        {
            parts["state"] = s.ToCode();
        }

        if (Overdue)
        {
            parts["overdue"] = "1";
        }

        if (Nearing)
        {
            parts["nearing"] = "1";
        }

        if (Unassigned)
        {
            parts["unassigned"] = "1";
        }

        if (Grid is not null)
        {
            parts["grid"] = Grid;
        }

        if (Sort != CaseListSort.Deadline)
        {
            parts["sort"] = Sort.ToCode();
        }

        if (Page > 1)
        {
            parts["page"] = Page.ToString(CultureInfo.InvariantCulture);
        }

        return parts.Count == 0 ? "" : QueryHelpers.AddQueryString("", parts);
    }
}
