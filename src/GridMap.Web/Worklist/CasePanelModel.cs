using GridMap.Data.Cases;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;

namespace GridMap.Web.Worklist;

/// <summary>An officer the dispatcher may pick: assigned to the case's grid or one of its parents.</summary>
public sealed record CaseOfficerChoice(long OfficerId, string Name, string GridCode, string RoleCode, bool OnShift);

public enum CasePanelMessageKind
{
    Success,
    Warning,
    Error,
}

/// <summary>A line shown at the top of the panel after an action (applied, refused, stale).</summary>
public sealed record CasePanelMessage(CasePanelMessageKind Kind, string Text);

/// <summary>
/// Everything the case panel shows, read by <see cref="CasePanelReader"/>; the component does no
/// I/O, so it renders the same from the fragment endpoint and from a bUnit test.
/// </summary>
public sealed record CasePanelModel
{
    public required CaseDetail Case { get; init; }

    /// <summary>Who looks at the panel: decides which actions are offered.</summary>
    public required CaseActor Viewer { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required WorkingCalendar Calendar { get; init; }

    public double NearingFraction { get; init; } = DeadlineStatus.DefaultNearingFraction;

    public string? GridName { get; init; }

    public string? BuildingAddress { get; init; }

    /// <summary>Officer names by id (assignee, timeline assignees).</summary>
    public IReadOnlyDictionary<long, string> OfficerNames { get; init; } = new Dictionary<long, string>();

    /// <summary>Department names (zh, en) by code.</summary>
    public IReadOnlyDictionary<string, (string Zh, string En)> Departments { get; init; } = new Dictionary<string, (string, string)>();

    /// <summary>Who dispatch and reassign may choose from (empty when neither is offered).</summary>
    public IReadOnlyList<CaseOfficerChoice> Officers { get; init; } = [];

    public string AntiforgeryFieldName { get; init; } = "__RequestVerificationToken";

    public string? AntiforgeryToken { get; init; }

    public CasePanelMessage? Message { get; init; }

    public IReadOnlyList<CaseAction> Actions => CasePanelActions.For(Case.Status, Viewer);

    /// <summary>Where the running clock stands; null when none runs.</summary>
    public DeadlineStatus? Deadline
    {
        get
        {
            var s = Case.Status;
            return s is { StageStartedAt: { } start, Deadline: { } deadline, StageLimit: { } limit }
                ? Calendar.Status(start, deadline, limit, Now, NearingFraction)
                : null;
        }
    }

    public string? OfficerName(long? id) =>
        id is { } officer ? OfficerNames.GetValueOrDefault(officer) ?? $"#{officer}" : null;
}
