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

    public CaseListSort Sort { get; init; } = CaseListSort.Deadline;

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public static WorklistFilter From(IQueryCollection query)
    {
        string? Get(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        bool Flag(string name) => Get(name) is "1" or "true" or "on";

        var grid = Get("grid");
        return new WorklistFilter
        {
            State = CaseStates.TryFromCode(Get("state"), out var state) && state.IsOpen() ? state : null,
            Overdue = Flag("overdue"),
            Nearing = Flag("nearing"),
            Unassigned = Flag("unassigned"),
            Grid = CaseRepository.IsGridPrefix(grid) ? grid : null,
            Sort = CaseListSorts.TryParse(Get("sort")) ?? CaseListSort.Deadline,
            Page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1,
        };
    }

    public CaseListQuery ToQuery(DateTimeOffset now) => new()
    {
        States = State is { } s ? [s] : [],
        OpenOnly = true,
        GridPrefix = Grid,
        DeadlineBefore = Overdue ? now : null,
        Nearing = Nearing,
        Unassigned = Unassigned,
        Sort = Sort,
        Limit = PageSize,
        Offset = (Page - 1) * PageSize,
    };

    /// <summary>The query string of this filter (defaults left out), starting with '?' or empty.</summary>
    public string QueryString()
    {
        var parts = new Dictionary<string, string?>();
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
