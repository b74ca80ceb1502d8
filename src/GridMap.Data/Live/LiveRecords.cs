namespace GridMap.Data.Live;

/// <summary>One current assignment of an officer, with what the live layer needs to judge it.</summary>
public sealed record OfficerAssignmentRow(
    long OfficerId,
    string Name,
    string GridCode,
    string RoleCode,
    string RoleNameZh,
    string RoleNameEn,
    int RoleOrder,
    string ShiftCode,
    TimeOnly ShiftStartsAt,
    TimeOnly ShiftEndsAt);

public sealed record OfficerRoleRow(string Code, string NameZh, string NameEn, int SortOrder);

/// <summary>An alert that is still open (the officer has not come back).</summary>
public sealed record OpenAlertRow(
    long Id, long OfficerId, string Name, string GridCode, string? AtGridCode, double Lat, double Lon, DateTimeOffset Time);

/// <summary>An officer as the side panel shows them, with their assignments in scope (own grid first).</summary>
public sealed record OfficerDetail(long Id, string Name, string Phone, IReadOnlyList<OfficerDetailAssignment> Assignments)
{
    public OfficerDetailAssignment Primary => Assignments[0];
}

public sealed record OfficerDetailAssignment(
    string GridCode,
    string? GridName,
    string RoleCode,
    string RoleNameZh,
    string RoleNameEn,
    string ShiftCode,
    string ShiftNameZh,
    string ShiftNameEn,
    TimeOnly ShiftStartsAt,
    TimeOnly ShiftEndsAt);

/// <summary>A building of a grid and the last time an officer passed it, if ever in the window.</summary>
public sealed record BuildingVisitRow(long BuildingId, string Address, DateTimeOffset? LastVisit);

/// <summary>A new alert to record.</summary>
public sealed record NewAlert(long OfficerId, string GridCode, string? AtGridCode, double Lat, double Lon, DateTimeOffset Time);
