using GridMap.Data.Buildings;
using GridMap.Data.Grids;

namespace GridMap.ComponentTests;

/// <summary>Panel data as the repositories return it (ID numbers and phones already masked).</summary>
internal static class Samples
{
    public const string Community = "440114001001";
    public const string Grid = "44011400100101";
    public const string Block = "44011400100101003";

    public static GridDetail Grid3() => new(
        new GridSummary(Block, "新华村第一网格三片区", 3, Grid, [113.2101, 23.1002, 113.2155, 23.1049], 41, 260, 812, 640),
        LandUse: "居住",
        Households: 305,
        ChildGrids: 0,
        Ancestors:
        [
            new GridRef(Community, "新华村", 1),
            new GridRef(Grid, "新华村第一网格", 2),
        ],
        Officers:
        [
            Officer(1, "陈建国", "13800001111", "grid_leader", "网格长", "Grid leader", "day", "日班", "Day", Block),
            Officer(2, "李秀英", "13800002222", "grid_officer", "专职网格员", "Grid officer", "early", "早班", "Early", Block),
            Officer(3, "王志强", "13800003333", "grid_officer", "专职网格员", "Grid officer", "late", "晚班", "Late", Block),
            Officer(4, "刘伟", "13800004444", "police_officer", "驻格民警", "Resident police officer", "on_call", "随叫", "On call", Grid),
            Officer(5, "张敏", "13800005555", "party_secretary", "党组织书记", "Party secretary", "day", "日班", "Day", Community),
        ]);

    public static BuildingDetail RentalBuilding() => new(
        Id: 90210,
        Address: "新华村东区五巷12号",
        GridCode: Block,
        GridName: "新华村第一网格三片区",
        Floors: 7,
        KindCode: "self_built",
        KindNameZh: "自建出租屋",
        KindNameEn: "Self-built rental house",
        ManagementModeCode: "large_rental",
        ManagementModeNameZh: "业主自管、公安督管",
        ManagementModeNameEn: "Large rental building",
        AccessControl: true,
        Residents: 31,
        Migrants: 29,
        Rental: new RentalHouseInfo(
            Id: 7001,
            LandlordName: "黄德明",
            LandlordPhoneMasked: "139****8765",
            LandlordIdMasked: "441302**********1X",
            ManagerName: "黄小明",
            RegisteredOn: new DateOnly(2024, 3, 15),
            IsLarge: true,
            Units: 3,
            Rooms: 12,
            Capacity: 30),
        Units:
        [
            new RentalUnitInfo(1, "101", 4, 10, 60.0m, 9),
            // 12 m² for 3 people: under 5 m² per person, overcrowded (群租).
            new RentalUnitInfo(2, "102", 1, 2, 12.0m, 3),
            new RentalUnitInfo(3, "201", 7, 18, 120.5m, 0),
        ]);

    public static BuildingDetail PlainBuilding() => RentalBuilding() with { Rental = null, Units = [] };

    public static IReadOnlyList<SearchHit> Hits() =>
    [
        new SearchHit("grid", Grid, "新华村第一网格", Grid, [113.2, 23.1, 113.22, 23.11]),
        new SearchHit("building", "90210", "新华村东区五巷12号", "新华村第一网格三片区", [113.2111, 23.1011, 113.2112, 23.1012]),
    ];

    private static GridOfficer Officer(
        long id, string name, string phone, string role, string roleZh, string roleEn,
        string shift, string shiftZh, string shiftEn, string grid) =>
        new(id, name, phone, role, roleZh, roleEn, shift, shiftZh, shiftEn, grid);
}
