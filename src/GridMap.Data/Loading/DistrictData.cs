using NetTopologySuite.Geometries;

namespace GridMap.Data.Loading;

// The load contract: one district (grids, people, houses and base map) as plain rows, ready to
// be written by DistrictLoader. It lives here rather than beside the generator because the data
// layer cannot reference the tools, and anything that produces a district (the generator, a
// future importer) hands the loader the same shape. Geometries are EPSG:4326; the loader derives
// the Web Mercator copies, label points and centroids in PostGIS.
//
// Ids are assigned by the producer (1..n per table) so that references between rows (resident →
// rental unit → rental house → building) are plain values and the same seed gives the same ids.

/// <summary>A whole district as it is loaded in one transaction.</summary>
public sealed record DistrictData(
    string Name,
    DateOnly ReferenceDate,
    IReadOnlyList<GridRow> Grids,
    IReadOnlyList<OfficerRow> Officers,
    IReadOnlyList<OfficerAssignmentRow> OfficerAssignments,
    IReadOnlyList<BuildingRow> Buildings,
    IReadOnlyList<RentalHouseRow> RentalHouses,
    IReadOnlyList<RentalUnitRow> RentalUnits,
    IReadOnlyList<ResidentRow> Residents,
    IReadOnlyList<RoadRow> Roads,
    IReadOnlyList<BlockRow> Blocks,
    IReadOnlyList<WaterRow> Waters);

/// <summary>A grid at one of the three levels; <see cref="Boundary"/> is in EPSG:4326.</summary>
public sealed record GridRow(
    string Code,
    string Name,
    int Level,
    string? ParentCode,
    string LandUse,
    MultiPolygon Boundary,
    int Households,
    DateOnly ValidFrom);

public sealed record OfficerRow(long Id, string Name, char Gender, string Phone);

public sealed record OfficerAssignmentRow(
    long Id,
    long OfficerId,
    string GridCode,
    string Role,
    string Shift,
    long? BuildingId,
    DateOnly Since);

public sealed record BuildingRow(
    long Id,
    string GridCode,
    string Address,
    short Floors,
    string Kind,
    string ManagementMode,
    bool AccessControl,
    MultiPolygon Footprint);

public sealed record RentalHouseRow(
    long Id,
    long BuildingId,
    string LandlordName,
    string LandlordPhone,
    string LandlordIdNumber,
    string? ManagerName,
    DateOnly RegisteredOn,
    bool IsLarge);

public sealed record RentalUnitRow(
    long Id,
    long RentalHouseId,
    string UnitNumber,
    short Rooms,
    short Capacity,
    decimal AreaM2);

public sealed record ResidentRow(
    long Id,
    long BuildingId,
    long? RentalUnitId,
    string Name,
    char Gender,
    string IdNumber,
    string? Phone,
    bool IsMigrant,
    string OriginDivision,
    DateOnly? ArrivedOn,
    DateOnly? DepartedOn,
    string? ResidencePermitNo,
    DateOnly? PermitExpiresOn);

/// <summary>A road of the base map; <see cref="Class"/> is primary, secondary, street or lane.</summary>
public sealed record RoadRow(string? Name, string Class, MultiLineString Geometry);

/// <summary>A block of the base map (the land between roads), by land use.</summary>
public sealed record BlockRow(string Kind, MultiPolygon Geometry);

public sealed record WaterRow(string? Name, MultiPolygon Geometry);
