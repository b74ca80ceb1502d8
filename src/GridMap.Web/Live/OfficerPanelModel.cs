using GridMap.Data.Live;
using GridMap.Domain.Cases;
using GridMap.Domain.Live;

namespace GridMap.Web.Live;

/// <summary>
/// What the officer panel shows: the officer and their assignments in the caller's scope, their
/// latest position if any, the open geofence alert if any, their open cases (most urgent first). Times are already in the district's
/// zone, so the component formats and does no I/O.
/// </summary>
public sealed record OfficerPanelModel(
    OfficerDetail Officer,
    TrackedOfficer? Live,
    DateTimeOffset? LastReportLocal,
    TimeSpan? Age,
    string? AtGridCode,
    bool OnShift,
    LiveAlertMessage? OpenAlert,
    DateTimeOffset? AlertSinceLocal,
    IReadOnlyList<OfficerCaseLine>? CurrentCases = null)
{
    /// <summary>The name of the third-level grid the officer is in (people read names; the code is secondary).</summary>
    public string? AtGridName { get; init; }
}

/// <summary>
/// One open case assigned to the officer, as the panel lists it: number, sub-category, state and
/// deadline (in the district's zone; null when no clock runs).
/// </summary>
public sealed record OfficerCaseLine(
    long Id, string Number, string SubcategoryNameZh, string SubcategoryNameEn, CaseState State, DateTimeOffset? DeadlineLocal, bool Overdue);
