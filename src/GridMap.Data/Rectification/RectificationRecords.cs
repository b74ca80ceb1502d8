namespace GridMap.Data.Rectification;

/// <summary>Settings of notices and re-inspections (section "Rectification").</summary>
public sealed class RectificationOptions
{
    public const string SectionName = "Rectification";

    /// <summary>Days (continuous) from a "not fixed" result to the next re-inspection.</summary>
    public int RepeatDays { get; set; } = 3;
}

/// <summary>A rectification notice as issued (immutable), with the correction that replaced it, if any.</summary>
public sealed record RectificationNotice(
    long Id,
    long CaseId,
    string CaseNumber,
    string GridCode,
    string Number,
    long BuildingId,
    string Address,
    string LandlordName,
    string LandlordPhone,
    string SubcategoryCode,
    string HazardZh,
    string HazardEn,
    string Description,
    string BasisZh,
    string BasisEn,
    string Requirements,
    DateTimeOffset Deadline,
    string OfficeZh,
    string OfficeEn,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    string IssuedByName,
    long? Supersedes,
    long? SupersededBy);

/// <summary>What the issuer chose; every field optional. At most one of deadline and working days.</summary>
public sealed record NoticeRequest
{
    /// <summary>Null: the sub-category's prefilled requirements.</summary>
    public string? Requirements { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public int? WorkingDays { get; init; }

    /// <summary>The notice of the same case this one corrects.</summary>
    public long? Supersedes { get; init; }
}

public enum RectificationOutcome
{
    Done,
    NotFound,
    Forbidden,
    Conflict,
    Refused,
}

/// <summary>An answer of the repository: the thing written, or why not, naming the field at fault.</summary>
public sealed record RectificationResult<T>(RectificationOutcome Outcome, T? Value = default, string? Field = null, string? Message = null)
    where T : class
{
    public static RectificationResult<T> Refuse(string field, string message) => new(RectificationOutcome.Refused, Field: field, Message: message);
}

/// <summary>A recorded re-inspection result (immutable).</summary>
public sealed record ReinspectionResultInfo(
    string Result, string? Note, IReadOnlyList<Guid> PhotoIds, string RecordedBy, string RecordedByName, DateTimeOffset RecordedAt);

/// <summary>A scheduled re-inspection, with its result once recorded. Open: still to be done.</summary>
public sealed record Reinspection(
    long Id,
    long NoticeId,
    string NoticeNumber,
    long CaseId,
    string CaseNumber,
    string GridCode,
    int Round,
    DateTimeOffset DueAt,
    DateTimeOffset CreatedAt,
    long? AssigneeOfficerId,
    ReinspectionResultInfo? Result,
    bool Open);

/// <summary>A recorded result and, after "not fixed", the next visit it scheduled.</summary>
public sealed record ReinspectionRecorded(Reinspection Reinspection, Reinspection? Next);
