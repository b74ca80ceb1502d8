namespace GridMap.Domain.Access;

/// <summary>What a console user is, which decides what they may see and do.</summary>
public enum UserRole
{
    /// <summary>Command-centre staff (指挥中心): the whole district, read and dispatch.</summary>
    Command,

    /// <summary>Grid leader (网格长): their grids and descendants.</summary>
    GridLeader,

    /// <summary>Grid officer (网格员): their own grids.</summary>
    GridOfficer,

    /// <summary>Street/town official: the whole district, boundaries and statistics.</summary>
    Official,

    /// <summary>Administrator: everything, including accounts and devices.</summary>
    Admin,
}

public static class UserRoles
{
    public static string ToCode(this UserRole role) => role switch
    {
        UserRole.Command => "command",
        UserRole.GridLeader => "grid_leader",
        UserRole.GridOfficer => "grid_officer",
        UserRole.Official => "official",
        UserRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static UserRole FromCode(string code) => code switch
    {
        "command" => UserRole.Command,
        "grid_leader" => UserRole.GridLeader,
        "grid_officer" => UserRole.GridOfficer,
        "official" => UserRole.Official,
        "admin" => UserRole.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown user role."),
    };

    /// <summary>Roles that see the whole district without per-grid grants.</summary>
    public static bool SeesWholeDistrict(this UserRole role) =>
        role is UserRole.Command or UserRole.Official or UserRole.Admin;
}
