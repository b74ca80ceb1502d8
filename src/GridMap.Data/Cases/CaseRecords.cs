using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;

namespace GridMap.Data.Cases;

/// <summary>A report to file as a new case. The grid is decided by the caller (intake's point-in-grid look-up).</summary>
public sealed record NewCase
{
    public required string SubcategoryCode { get; init; }

    public required string Description { get; init; }

    public required double Lat { get; init; }

    public required double Lon { get; init; }

    /// <summary>The third-level grid that contains the point.</summary>
    public required string GridCode { get; init; }

    public long? BuildingId { get; init; }

    public CaseSource Source { get; init; } = CaseSource.Console;

    /// <summary>Null: the sub-category's default severity.</summary>
    public Severity? Severity { get; init; }

    /// <summary>Null: the sub-category's responsible departments.</summary>
    public IReadOnlyList<string>? Departments { get; init; }

    /// <summary>Photos taken with the report, stored in the same transaction.</summary>
    public IReadOnlyList<byte[]> Photos { get; init; } = [];
}

/// <summary>A case with its timeline, photos (without their bytes) and escalations.</summary>
public sealed record CaseDetail
{
    public required long Id { get; init; }

    public required string Number { get; init; }

    public required string CategoryCode { get; init; }

    public required string SubcategoryCode { get; init; }

    /// <summary>The taxonomy version the case was filed under.</summary>
    public required long SubcategoryId { get; init; }

    public required string SubcategoryNameZh { get; init; }

    public required string SubcategoryNameEn { get; init; }

    public required string Description { get; init; }

    public required double Lat { get; init; }

    public required double Lon { get; init; }

    public long? BuildingId { get; init; }

    public required string GridCode { get; init; }

    public required Severity Severity { get; init; }

    public required CaseSource Source { get; init; }

    /// <summary>"user:12", "open311:&lt;key id&gt;", "system:&lt;process&gt;".</summary>
    public required string ReportedBy { get; init; }

    public long? ReporterOfficerId { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required CaseStatus Status { get; init; }

    public required StageLimits Limits { get; init; }

    public IReadOnlyList<CaseEvent> Timeline { get; init; } = [];

    public IReadOnlyList<CasePhotoInfo> Photos { get; init; } = [];

    public IReadOnlyList<CaseEscalationInfo> Escalations { get; init; } = [];

    public CaseState State => Status.State;

    public int Version => Status.Version;

    public bool IsOverdue(DateTimeOffset now) => Status.Deadline is { } deadline && WorkingCalendar.IsOverdue(deadline, now);
}

public sealed record CasePhotoInfo(Guid Id, string Mime, int SizeBytes, string Sha256Hex, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>
/// The outcome of storing photos: <see cref="Found"/> false when the case is not visible to the
/// caller; otherwise <see cref="Error"/> says why nothing was stored, or <see cref="Photos"/> lists them.
/// </summary>
public sealed record CasePhotoBatchResult(bool Found, string? Error, IReadOnlyList<CasePhotoInfo> Photos);

/// <summary>A photo with its bytes, for a reader who may see the case.</summary>
public sealed record CasePhoto(Guid Id, long CaseId, string Mime, int SizeBytes, string Sha256Hex, byte[] Bytes, DateTimeOffset UploadedAt);

/// <summary>An escalation: which level, to whom (null grid: the street command centre), and of which stage.</summary>
public sealed record CaseEscalationInfo(int Level, string? TargetGridCode, CaseStage? Stage, DateTimeOffset? DueAt, DateTimeOffset At, string EscalatedBy, int EventSequence);

/// <summary>One line of a worklist.</summary>
public sealed record CaseSummary(
    long Id,
    string Number,
    string CategoryCode,
    string SubcategoryCode,
    string SubcategoryNameZh,
    string SubcategoryNameEn,
    string GridCode,
    CaseState State,
    Severity Severity,
    long? AssigneeOfficerId,
    CaseStage? Stage,
    DateTimeOffset? Deadline,
    DateTimeOffset? WarnedAt,
    int EscalationLevel,
    double Lat,
    double Lon,
    long? BuildingId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public bool IsOverdue(DateTimeOffset now) => Deadline is { } deadline && WorkingCalendar.IsOverdue(deadline, now);

    /// <summary>When the running stage's clock started (null when no clock runs).</summary>
    public DateTimeOffset? StageStartedAt { get; init; }

    /// <summary>The running stage's limit, for the remaining time on its own clock.</summary>
    public TimeLimit? StageLimit { get; init; }
}

/// <summary>How a worklist is ordered; every order ends with the deadline, then the id.</summary>
public enum CaseListSort
{
    /// <summary>Most urgent deadline first, cases without a running clock last.</summary>
    Deadline,

    /// <summary>Most recently reported first.</summary>
    Reported,

    /// <summary>By workflow state (reported first), then by deadline.</summary>
    State,
}

/// <summary>One page of a worklist and the size of the whole filtered list.</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, int Total);

/// <summary>Filters of a worklist. Empty <see cref="States"/> means any state.</summary>
public sealed record CaseListQuery
{
    public const int MaxLimit = 500;

    public IReadOnlyList<CaseState> States { get; init; } = [];

    /// <summary>Only open cases (not closed, not cancelled).</summary>
    public bool OpenOnly { get; init; }

    /// <summary>A grid (any level) to narrow to, inside the caller's scope.</summary>
    public string? GridCode { get; init; }

    public long? AssigneeOfficerId { get; init; }

    /// <summary>Only cases whose deadline is before this instant (overdue: pass now).</summary>
    public DateTimeOffset? DeadlineBefore { get; init; }

    /// <summary>Only cases nobody is assigned to.</summary>
    public bool Unassigned { get; init; }

    /// <summary>
    /// Only cases whose running limit is nearly used up (≥ the nearing fraction, on the limit's
    /// own clock) and not yet overdue.
    /// </summary>
    public bool Nearing { get; init; }

    /// <summary>A grid code prefix (digits, any length): the cases of every grid it starts.</summary>
    public string? GridPrefix { get; init; }

    /// <summary>Any part of the case number, or words of the description (all must occur).</summary>
    public string? Text { get; init; }

    /// <summary>A hazard category or sub-category code: cases filed under it.</summary>
    public string? Category { get; init; }

    /// <summary>Reported at or after this instant.</summary>
    public DateTimeOffset? ReportedFrom { get; init; }

    /// <summary>Reported before this instant.</summary>
    public DateTimeOffset? ReportedBefore { get; init; }

    public CaseListSort Sort { get; init; } = CaseListSort.Deadline;

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}

/// <summary>A possible duplicate of a new report: an open case of the same sub-category nearby.</summary>
public sealed record DuplicateCandidate(
    long Id,
    string Number,
    CaseState State,
    string SubcategoryCode,
    long? BuildingId,
    string GridCode,
    DateTimeOffset CreatedAt,
    string Description,
    double DistanceMetres,
    bool SameBuilding);

public sealed record DuplicateQuery(string SubcategoryCode, double Lat, double Lon)
{
    public long? BuildingId { get; init; }

    /// <summary>Null: <see cref="CaseStoreOptions.DuplicateRadiusMetres"/>.</summary>
    public double? RadiusMetres { get; init; }

    public int Limit { get; init; } = 5;
}

public enum CaseWriteOutcome
{
    /// <summary>Done; <see cref="CaseWriteResult.Case"/> is the case as it now is.</summary>
    Applied,

    /// <summary>No such case in the caller's scope (answer 404 either way).</summary>
    NotFound,

    /// <summary>Someone changed the case first: the expected version is stale (answer 409).</summary>
    Conflict,

    /// <summary>The workflow or a reference check refused it; nothing was stored (answer 422 or 403).</summary>
    Refused,
}

/// <summary>The outcome of creating a case or applying a transition.</summary>
public sealed record CaseWriteResult(CaseWriteOutcome Outcome, CaseDetail? Case = null, CaseRefusal? Refusal = null, int? CurrentVersion = null)
{
    /// <summary>
    /// For a report filed with follow-up actions: why the first follow-up that did not apply was
    /// refused (the report itself stands, in the state the applied ones left it); null when all applied.
    /// </summary>
    public string? FollowUpRefusal { get; init; }

    public string? Message => Outcome switch
    {
        CaseWriteOutcome.NotFound => "no such case",
        CaseWriteOutcome.Conflict => $"the case was changed by someone else (it is now at version {CurrentVersion}); reload it and try again",
        CaseWriteOutcome.Refused => Refusal?.Message,
        _ => null,
    };
}

/// <summary>Limits and defaults of the case store (section "Cases").</summary>
public sealed class CaseStoreOptions
{
    public const string SectionName = "Cases";

    /// <summary>Largest photo accepted, in bytes.</summary>
    public int MaxPhotoBytes { get; set; } = CasePhotos.DefaultMaxBytes;

    /// <summary>Reports of the same sub-category this close to an open case are offered as duplicates.</summary>
    public double DuplicateRadiusMetres { get; set; } = 30;
}

public static class CaseListSorts
{
    public static string ToCode(this CaseListSort sort) => sort switch
    {
        CaseListSort.Reported => "reported",
        CaseListSort.State => "state",
        _ => "deadline",
    };

    /// <summary>The sort named by <paramref name="code"/>; null or empty is the default (deadline), an unknown code null.</summary>
    public static CaseListSort? TryParse(string? code) => code switch
    {
        null or "" or "deadline" => CaseListSort.Deadline,
        "reported" => CaseListSort.Reported,
        "state" => CaseListSort.State,
        _ => null,
    };
}
