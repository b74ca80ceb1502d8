namespace GridMap.Data.Grids;

/// <summary>A grid with its counts, as listed by the API and the search.</summary>
public sealed record GridSummary(
    string Code,
    string Name,
    int Level,
    string? ParentCode,
    double[] Bbox,
    int Buildings,
    int RentalUnits,
    int Residents,
    int Migrants)
{
    /// <summary>Share of current residents who are migrants (来穗人员), 0..1.</summary>
    public double MigrantShare => Residents == 0 ? 0 : (double)Migrants / Residents;
}

/// <summary>One grid with what its side panel shows.</summary>
public sealed record GridDetail(
    GridSummary Summary,
    string? LandUse,
    int Households,
    int ChildGrids,
    IReadOnlyList<GridRef> Ancestors,
    IReadOnlyList<GridOfficer> Officers);

public sealed record GridRef(string Code, string Name, int Level);

/// <summary>An officer fixed to a grid (定人定责定岗).</summary>
public sealed record GridOfficer(
    long OfficerId,
    string Name,
    string Phone,
    string RoleCode,
    string RoleNameZh,
    string RoleNameEn,
    string ShiftCode,
    string ShiftNameZh,
    string ShiftNameEn,
    string GridCode);

/// <summary>What the search box finds: a grid by code or name, a building by address.</summary>
public sealed record SearchHit(string Kind, string Id, string Label, string Detail, double[] Bbox)
{
    /// <summary>What the map selects for this hit ("kind:id"): a landlord's hit opens their building.</summary>
    public string Selection => Kind == "landlord" ? $"building:{Id}" : $"{Kind}:{Id}";
}
