using GridMap.Domain.Live;
using GridMap.Domain.Patrol;

namespace GridMap.Web.Live;

/// <summary>
/// One officer's position as consoles receive it ("positions" messages, camelCase JSON).
/// Speed in metres per second, heading in degrees clockwise from north, battery as the device reports it (percent).
/// </summary>
public sealed record LivePositionMessage(
    long OfficerId,
    string DeviceId,
    string Name,
    string Role,
    string GridCode,
    double Lat,
    double Lon,
    double? Heading,
    double? Speed,
    DateTimeOffset Time,
    string State,
    double? Battery)
{
    public static LivePositionMessage From(OfficerPosition p, LiveOfficerInfo? officer, LiveState state) => new(
        p.OfficerId, p.DeviceId, officer?.Name ?? "", officer?.RoleCode ?? "", officer?.GridCode ?? "",
        p.Lat, p.Lon, p.Heading, p.SpeedMps, p.Time, state.ToCode(), p.Battery);
}

/// <summary>
/// A geofence event ("alerts" messages): kind "left_grid" when an officer on shift left all of
/// their grids, "returned" when they came back, "shift_ended" when their shift ended while out.
/// The clearing event carries the id of the alert it clears.
/// </summary>
public sealed record LiveAlertMessage(
    long Id,
    long OfficerId,
    string Name,
    string Kind,
    string GridCode,
    string? AtGridCode,
    double Lat,
    double Lon,
    DateTimeOffset Time);

/// <summary>An officer turning stale or offline ("states" messages).</summary>
public sealed record LiveStateMessage(long OfficerId, string State, DateTimeOffset LastReport);

public static class LiveAlertKinds
{
    public const string LeftGrid = "left_grid";
    public const string Returned = "returned";
    public const string ShiftEnded = "shift_ended";
}

/// <summary>
/// A case as the live case layer shows it ("cases" messages): sent when a case is reported or
/// changes, only to consoles whose scope includes the case's grid. The fields after
/// <see cref="EscalationLevel"/> feed the console's case feed (sub-category names in both
/// languages, since a session does not know its page's language); <see cref="Time"/> is when the
/// case last changed.
/// </summary>
public sealed record LiveCaseMessage(
    long Id,
    string Number,
    string State,
    string GridCode,
    double Lat,
    double Lon,
    bool Overdue,
    int EscalationLevel,
    string? Subcategory = null,
    string? SubcategoryName = null,
    string? SubcategoryNameEn = null,
    string? Severity = null,
    DateTimeOffset? Deadline = null,
    DateTimeOffset? Time = null);
