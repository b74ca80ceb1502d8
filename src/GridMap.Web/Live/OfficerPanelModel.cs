using GridMap.Data.Live;

namespace GridMap.Web.Live;

/// <summary>
/// What the officer panel shows: the officer and their assignments in the caller's scope, their
/// latest position if any, the open geofence alert if any. Times are already in the district's
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
    DateTimeOffset? AlertSinceLocal);
