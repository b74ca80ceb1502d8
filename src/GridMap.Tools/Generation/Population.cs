using GridMap.Data.Loading;
using GridMap.Domain.People;

namespace GridMap.Tools.Generation;

internal readonly record struct UnitSpec(string Number, short Rooms, short Capacity, decimal Area);

/// <summary>How a building is housed and managed (五管齐下), decided for every building at every scale.</summary>
internal sealed class Housing(bool isRental, List<UnitSpec> units, bool isLarge, string managementMode, bool accessControl)
{
    public bool IsRental { get; } = isRental;

    public List<UnitSpec> Units { get; } = units;

    /// <summary>≥10 rooms or ≥30 beds: a large rental building (业主自管、公安督管).</summary>
    public bool IsLarge { get; } = isLarge;

    public string ManagementMode { get; } = managementMode;

    public bool AccessControl { get; } = accessControl;

    public int Households { get; set; }

    public string? LandlordName { get; set; }
}

/// <summary>The people side of the district: rental houses and units, residents, households.</summary>
internal sealed record PopulationResult(
    IReadOnlyList<RentalHouseRow> RentalHouses,
    IReadOnlyList<RentalUnitRow> RentalUnits,
    IReadOnlyList<ResidentRow> Residents,
    double OccupancyScale,
    double MigrantOffset);

/// <summary>
/// Who lives where. Each building offers household "slots" (a rental unit's tenants, an owner
/// family, a flat, a dormitory room) with a natural size; the sizes are scaled together so the
/// district reaches its target population, then each household is drawn as local or migrant
/// with a probability from the kind of slot and the kind of village, shifted by one offset
/// found by bisection so that the district's migrant share hits its target exactly in
/// expectation. Households share origin and arrival date; children carry their parents'
/// registration, as ID numbers do.
/// </summary>
internal sealed class Population
{
    private enum Slot
    {
        Tenants,
        VillageOwners,
        ShopOwners,
        Landlords,
        Flat,
        DormRoom,
    }

    private readonly record struct Household(int Building, int Unit, Slot Slot, int Size);

    private readonly IReadOnlyList<PlannedBuilding> _buildings;
    private readonly IReadOnlyList<Housing> _housing;
    private readonly IReadOnlyList<FirstLevelGrid> _villageOfBuilding;
    private readonly GenerationOptions _options;
    private readonly Random _random;
    private readonly HashSet<string> _idNumbers = new(StringComparer.Ordinal);

    private Population(IReadOnlyList<PlannedBuilding> buildings, IReadOnlyList<Housing> housing, IReadOnlyList<FirstLevelGrid> villageOfBuilding, GenerationOptions options, Random random)
    {
        _buildings = buildings;
        _housing = housing;
        _villageOfBuilding = villageOfBuilding;
        _options = options;
        _random = random;
    }

    /// <summary>Rental status, units, management mode and access control of every building.</summary>
    public static List<Housing> PlanHousing(IReadOnlyList<PlannedBuilding> buildings, IReadOnlyList<FirstLevelGrid> villageOfBuilding, Random random)
    {
        var result = new List<Housing>(buildings.Count);
        for (var b = 0; b < buildings.Count; b++)
        {
            var building = buildings[b];
            var community = villageOfBuilding[b].IsCommunity;
            var rental = building.Kind switch
            {
                BuildingKind.SelfBuilt => true,
                BuildingKind.VillageHouse => random.NextDouble() < 0.3,
                BuildingKind.ShopHouse => random.NextDouble() < 0.45,
                _ => false,
            };
            var units = rental ? Units(building, random) : [];
            var rooms = units.Sum(u => u.Rooms);
            var beds = units.Sum(u => u.Capacity);
            var large = rental && (rooms >= 10 || beds >= 30);
            var mode = building.Kind switch
            {
                _ when large => "large_rental",
                _ when rental => "scattered",
                BuildingKind.Residential => "property",
                BuildingKind.Factory or BuildingKind.Dormitory => "enterprise",
                BuildingKind.VillageHouse => "village",
                _ => community ? "property" : "village",
            };
            // Access-control video is compulsory for large rentals and pushed hard for the rest
            // (about nine rental buildings in ten in the reports).
            var accessChance = building.Kind switch
            {
                _ when large => 0.985,
                _ when rental => 0.875,
                BuildingKind.Residential => 0.95,
                BuildingKind.Dormitory => 0.9,
                BuildingKind.Factory => 0.6,
                BuildingKind.Public => 0.3,
                BuildingKind.ShopHouse => 0.2,
                _ => 0.08,
            };
            result.Add(new Housing(rental, units, large, mode, random.NextDouble() < accessChance));
        }

        return result;
    }

    private static List<UnitSpec> Units(PlannedBuilding building, Random random)
    {
        // Usable floor area per storey, after stairs and walls.
        var usable = building.Area * 0.6;
        var units = new List<UnitSpec>();
        int firstFloor;
        (short Rooms, short Capacity, double MinArea, double MaxArea) style;
        int perFloor;
        switch (building.Kind)
        {
            case BuildingKind.SelfBuilt:
                {
                    var roll = random.NextDouble();
                    // 单间 (bedsit), 一房一厅 (one bedroom and a living room), 两房 (two bedrooms).
                    style = roll < 0.25 ? ((short)1, (short)2, 15, 22) : roll < 0.8 ? ((short)1, (short)3, 30, 42) : ((short)2, (short)4, 48, 65);
                    perFloor = Math.Max(1, (int)(usable / ((style.MinArea + style.MaxArea) / 2)));
                    // The ground floor is often a shop, a landlord's room or the e-bike store.
                    firstFloor = random.NextDouble() < 0.7 ? 2 : 1;
                    break;
                }

            case BuildingKind.VillageHouse:
                style = ((short)1, (short)2, 18, 30);
                perFloor = random.Next(1, 3);
                firstFloor = 2;
                break;
            default:
                style = ((short)1, (short)3, 26, 40);
                perFloor = random.Next(1, 3);
                firstFloor = 2;
                break;
        }

        for (var floor = firstFloor; floor <= building.Floors; floor++)
        {
            for (var k = 1; k <= perFloor; k++)
            {
                var area = Math.Round((decimal)(style.MinArea + random.NextDouble() * (style.MaxArea - style.MinArea)), 1);
                var capacity = (short)(style.Capacity + (random.NextDouble() < 0.2 ? 1 : 0));
                units.Add(new UnitSpec($"{floor}{k:00}", style.Rooms, capacity, area));
            }
        }

        if (units.Count == 0)
        {
            units.Add(new UnitSpec("101", style.Rooms, style.Capacity, (decimal)Math.Round(style.MinArea, 1)));
        }

        return units;
    }

    /// <summary>Counts households without drawing people (the city scale has no residents).</summary>
    public static void CountHouseholds(IReadOnlyList<PlannedBuilding> buildings, IReadOnlyList<Housing> housing, Random random)
    {
        for (var b = 0; b < buildings.Count; b++)
        {
            var count = 0;
            NaturalHouseholds(buildings[b], housing[b], random, (_, _, size) => count += size > 0 ? 1 : 0);
            housing[b].Households = count;
        }
    }

    public static PopulationResult Generate(
        IReadOnlyList<PlannedBuilding> buildings,
        IReadOnlyList<Housing> housing,
        IReadOnlyList<FirstLevelGrid> villageOfBuilding,
        GenerationOptions options,
        Random random) =>
        new Population(buildings, housing, villageOfBuilding, options, random).Run();

    private PopulationResult Run()
    {
        // Rental houses and units first: residents point at units.
        var houses = new List<RentalHouseRow>();
        var units = new List<RentalUnitRow>();
        var unitIdsOfBuilding = new long[_buildings.Count][];
        for (var b = 0; b < _buildings.Count; b++)
        {
            var housing = _housing[b];
            if (!housing.IsRental)
            {
                unitIdsOfBuilding[b] = [];
                continue;
            }

            var village = _villageOfBuilding[b];
            var houseId = houses.Count + 1L;
            var gender = _random.NextDouble() < 0.7 ? 'M' : 'F';
            var landlord = (_random.NextDouble() < 0.75 ? village.Lineages[_random.Next(village.Lineages.Length)] : ChineseNames.Surname(_random))
                + ChineseNames.GivenName(_random, gender);
            housing.LandlordName = landlord;
            var birth = BirthDate(Between(38, 76));
            var manager = housing.IsLarge || _random.NextDouble() < 0.1 ? ChineseNames.FullName(_random, _random.NextDouble() < 0.6 ? 'M' : 'F') : null;
            houses.Add(new RentalHouseRow(
                houseId,
                b + 1L,
                landlord,
                ChineseNames.Phone(_random),
                NewIdNumber(Divisions.HuichengDistrict, birth, gender),
                manager,
                _options.ReferenceDate.AddDays(-Between(30, 3650)),
                housing.IsLarge));
            var ids = new long[housing.Units.Count];
            for (var k = 0; k < housing.Units.Count; k++)
            {
                var spec = housing.Units[k];
                ids[k] = units.Count + 1L;
                units.Add(new RentalUnitRow(ids[k], houseId, spec.Number, spec.Rooms, spec.Capacity, spec.Area));
            }

            unitIdsOfBuilding[b] = ids;
        }

        // Natural households, then one scale so the district reaches its target population.
        var households = new List<Household>();
        for (var b = 0; b < _buildings.Count; b++)
        {
            var building = b;
            NaturalHouseholds(_buildings[b], _housing[b], _random, (slot, unit, size) => households.Add(new Household(building, unit, slot, size)));
        }

        var natural = households.Sum(h => (double)h.Size);
        var scale = _options.TargetResidents / natural;
        for (var k = 0; k < households.Count; k++)
        {
            var h = households[k];
            households[k] = h with { Size = (int)Math.Floor(h.Size * scale + _random.NextDouble()) };
        }

        households.RemoveAll(h => h.Size == 0);
        foreach (var group in households.GroupBy(h => h.Building))
        {
            _housing[group.Key].Households = group.Count();
        }

        // One offset on the log-odds of every household so the expected migrant share is the target.
        var logits = households.Select(h => BaseLogit(h.Slot) + VillageLogit(_villageOfBuilding[h.Building].Kind)).ToArray();
        var total = households.Sum(h => (double)h.Size);
        double ExpectedShare(double offset) => households.Select((h, k) => h.Size * Sigmoid(logits[k] + offset)).Sum() / total;
        double low = -10, high = 10;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var mid = (low + high) / 2;
            if (ExpectedShare(mid) < _options.MigrantShare)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        var offset = (low + high) / 2;
        var residents = new List<ResidentRow>(households.Sum(h => h.Size) + 8_000);
        var permitCounter = 0;
        for (var k = 0; k < households.Count; k++)
        {
            var h = households[k];
            var migrant = _random.NextDouble() < Sigmoid(logits[k] + offset);
            var village = _villageOfBuilding[h.Building];
            var origin = migrant ? Divisions.MigrantOrigin(_random) : Divisions.HuichengDistrict;
            var arrival = migrant ? _options.ReferenceDate.AddDays(-ArrivalDaysAgo()) : (DateOnly?)null;
            long? unitId = h.Unit >= 0 ? unitIdsOfBuilding[h.Building][h.Unit] : null;
            foreach (var (name, gender, age) in Members(h, migrant, village))
            {
                var birth = BirthDate(age);
                var arrived = arrival is { } a && a < birth ? birth : arrival;
                var (permit, expires) = migrant ? Permit(arrived!.Value, ref permitCounter) : (null, null);
                residents.Add(new ResidentRow(
                    residents.Count + 1L,
                    h.Building + 1L,
                    unitId,
                    name,
                    gender,
                    NewIdNumber(origin, birth, gender),
                    age >= 14 && _random.NextDouble() < 0.93 ? ChineseNames.Phone(_random) : null,
                    migrant,
                    origin,
                    arrived,
                    null,
                    permit,
                    expires));
            }
        }

        AddDeparted(residents, units);
        return new PopulationResult(houses, units, residents, scale, offset);
    }

    // 人走注销: former tenants who have left, kept on record with their departure date.
    private void AddDeparted(List<ResidentRow> residents, List<RentalUnitRow> units)
    {
        if (units.Count == 0)
        {
            return;
        }

        var houseToBuilding = new Dictionary<long, long>();
        var buildingId = 0L;
        for (var b = 0; b < _housing.Count; b++)
        {
            if (_housing[b].IsRental)
            {
                houseToBuilding[++buildingId] = b + 1L;
            }
        }

        var count = (int)(residents.Count(r => r.IsMigrant) * 0.03);
        for (var k = 0; k < count; k++)
        {
            var unit = units[_random.Next(units.Count)];
            var gender = _random.NextDouble() < 0.55 ? 'M' : 'F';
            var birth = BirthDate(Between(18, 50));
            var stayed = Between(200, 2400);
            var arrived = _options.ReferenceDate.AddDays(-stayed);
            var departed = arrived.AddDays(Between(30, stayed - 1));
            var origin = Divisions.MigrantOrigin(_random);
            residents.Add(new ResidentRow(
                residents.Count + 1L,
                houseToBuilding[unit.RentalHouseId],
                unit.Id,
                ChineseNames.FullName(_random, gender),
                gender,
                NewIdNumber(origin, birth, gender),
                ChineseNames.Phone(_random),
                true,
                origin,
                arrived,
                departed,
                null,
                null));
        }
    }

    private static void NaturalHouseholds(PlannedBuilding building, Housing housing, Random random, Action<Slot, int, int> add)
    {
        for (var u = 0; u < housing.Units.Count; u++)
        {
            var unit = housing.Units[u];
            var roll = random.NextDouble();
            // Mostly one or two tenants a unit; a few units are let to more people than they hold (群租: under 5 m² a head).
            var size = roll < 0.12 ? 0
                : roll < 0.15 ? (int)Math.Ceiling((double)unit.Area / 5) + random.Next(0, 3)
                : Math.Min((int)unit.Capacity, random.NextDouble() switch { < 0.42 => 1, < 0.78 => 2, < 0.94 => 3, _ => 4 });
            add(Slot.Tenants, u, size);
        }

        switch (building.Kind)
        {
            // Many old village houses stand empty (空心村): the family has moved to a new house or the city.
            case BuildingKind.VillageHouse when random.NextDouble() < 0.7:
                add(Slot.VillageOwners, -1, random.Next(3, 7));
                break;
            case BuildingKind.ShopHouse when !housing.IsRental || random.NextDouble() < 0.5:
                add(Slot.ShopOwners, -1, random.Next(2, 6));
                break;
            case BuildingKind.SelfBuilt when random.NextDouble() < 0.15:
                add(Slot.Landlords, -1, random.Next(2, 6));
                break;
            case BuildingKind.Residential:
                {
                    var flats = building.Floors * Math.Max(2, (int)Math.Round(building.Area / 130));
                    for (var f = 0; f < flats; f++)
                    {
                        if (random.NextDouble() < 0.8)
                        {
                            add(Slot.Flat, -1, random.NextDouble() switch { < 0.1 => 1, < 0.35 => 2, < 0.7 => 3, < 0.9 => 4, _ => 5 });
                        }
                    }

                    break;
                }

            case BuildingKind.Dormitory:
                {
                    var rooms = building.Floors * Math.Max(4, (int)Math.Round(building.Area / 55));
                    var beds = random.Next(4, 7);
                    for (var r = 0; r < rooms; r++)
                    {
                        if (random.NextDouble() < 0.85)
                        {
                            add(Slot.DormRoom, -1, random.Next((beds + 1) / 2, beds + 1));
                        }
                    }

                    break;
                }
        }
    }

    private static double BaseLogit(Slot slot) => slot switch
    {
        Slot.Tenants => 2.6,
        Slot.DormRoom => 3.5,
        Slot.Flat => -0.4,
        Slot.ShopOwners => -0.5,
        _ => -3.0, // villagers and landlords are the registered locals
    };

    private static double VillageLogit(VillageKind kind) => kind switch
    {
        VillageKind.Community => -1.0,
        VillageKind.Inverted => 2.0,
        _ => 0,
    };

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private IEnumerable<(string Name, char Gender, int Age)> Members(Household h, bool migrant, FirstLevelGrid village)
    {
        string Surname() => !migrant && _random.NextDouble() < 0.6
            ? village.Lineages[_random.Next(village.Lineages.Length)]
            : ChineseNames.Surname(_random);

        if (h.Slot == Slot.DormRoom)
        {
            // Dormitory rooms are single-sex.
            var gender = _random.NextDouble() < 0.55 ? 'M' : 'F';
            for (var k = 0; k < h.Size; k++)
            {
                yield return (ChineseNames.FullName(_random, gender), gender, Between(18, 45));
            }

            yield break;
        }

        var family = h.Size >= 2 && (h.Slot != Slot.Tenants || (h.Size <= 5 && _random.NextDouble() < 0.55));
        if (!family)
        {
            for (var k = 0; k < h.Size; k++)
            {
                var gender = _random.NextDouble() < 0.55 ? 'M' : 'F';
                yield return (Surname() + ChineseNames.GivenName(_random, gender), gender, h.Size == 1 ? Between(18, 70) : Between(18, 50));
            }

            yield break;
        }

        var surname = Surname();
        var headAge = Between(24, 62);
        yield return (surname + ChineseNames.GivenName(_random, 'M'), 'M', headAge);
        yield return (Surname() + ChineseNames.GivenName(_random, 'F'), 'F', Math.Max(20, headAge + Between(-5, 2)));
        for (var k = 2; k < h.Size; k++)
        {
            if (k == 4 && _random.NextDouble() < 0.6)
            {
                var gender = _random.NextDouble() < 0.5 ? 'M' : 'F';
                yield return ((gender == 'M' ? surname : Surname()) + ChineseNames.GivenName(_random, gender), gender, Math.Min(90, headAge + Between(22, 32)));
                continue;
            }

            var childGender = _random.NextDouble() < 0.52 ? 'M' : 'F';
            yield return (surname + ChineseNames.GivenName(_random, childGender), childGender, Between(0, Math.Clamp(headAge - 20, 0, 17)));
        }
    }

    private int ArrivalDaysAgo()
    {
        // A fifth arrived within the last six months; the rest stayed longer, thinning out over years.
        if (_random.NextDouble() < 0.2)
        {
            return Between(5, 182);
        }

        return Math.Min(5800, 183 + (int)(-Math.Log(1 - _random.NextDouble()) * 1200));
    }

    /// <summary>
    /// 居住证: after six months a migrant may apply (most do); a permit runs three years and
    /// most holders renew it, so a few carry an expired one.
    /// </summary>
    private (string? Number, DateOnly? Expires) Permit(DateOnly arrived, ref int counter)
    {
        var reference = _options.ReferenceDate;
        if (arrived.AddDays(183) > reference || _random.NextDouble() >= 0.9)
        {
            return (null, null);
        }

        var issued = arrived.AddDays(183 + Between(0, 120));
        if (issued > reference)
        {
            issued = reference;
        }

        while (issued.AddYears(3) <= reference && _random.NextDouble() < 0.9)
        {
            issued = issued.AddYears(3);
        }

        counter++;
        return ($"{Divisions.HuichengDistrict}{issued.Year}{counter:000000}", issued.AddYears(3));
    }

    private DateOnly BirthDate(int age) => _options.ReferenceDate.AddYears(-age).AddDays(-_random.Next(0, 365));

    private int Between(int min, int maxInclusive) => _random.Next(min, maxInclusive + 1);

    /// <summary>A GB 11643 number not yet issued in the district: the sequence is odd for men, even for women.</summary>
    private string NewIdNumber(string division, DateOnly birth, char gender)
    {
        while (true)
        {
            var sequence = _random.Next(0, 500) * 2 + (gender == 'M' ? 1 : 0);
            var number = IdNumber.Compose(division, birth, sequence);
            if (_idNumbers.Add(number))
            {
                return number;
            }
        }
    }
}
