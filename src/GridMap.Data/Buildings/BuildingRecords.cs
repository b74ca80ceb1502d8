namespace GridMap.Data.Buildings;

/// <summary>One building with what its side panel shows.</summary>
public sealed record BuildingDetail(
    long Id,
    string Address,
    string GridCode,
    string GridName,
    int Floors,
    string KindCode,
    string KindNameZh,
    string KindNameEn,
    string ManagementModeCode,
    string ManagementModeNameZh,
    string ManagementModeNameEn,
    bool AccessControl,
    int Residents,
    int Migrants,
    RentalHouseInfo? Rental,
    IReadOnlyList<RentalUnitInfo> Units);

/// <summary>The rental house (出租屋) in a building; the landlord's ID number is masked.</summary>
public sealed record RentalHouseInfo(
    long Id,
    string LandlordName,
    string LandlordPhoneMasked,
    string LandlordIdMasked,
    string? ManagerName,
    DateOnly RegisteredOn,
    bool IsLarge,
    int Units,
    int Rooms,
    int Capacity);

public sealed record RentalUnitInfo(long Id, string UnitNumber, int Rooms, int Capacity, decimal AreaM2, int Residents)
{
    /// <summary>群租: under 5 m² per person.</summary>
    public bool IsOvercrowded => Residents > 0 && AreaM2 / Residents < 5m;
}
