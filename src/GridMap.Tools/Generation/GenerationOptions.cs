namespace GridMap.Tools.Generation;

internal enum DistrictScale
{
    /// <summary>One street modelled on 小金口街道: 11 / 91 / 243 grids, ~20,000 buildings, ~175,000 residents.</summary>
    Demo,

    /// <summary>A city for benchmarks: ~110 / 7,500 / 20,000 grids and ~1,000,000 buildings, no people.</summary>
    City,
}

/// <summary>
/// Everything the generator's output depends on. Same options → byte-identical district; the
/// reference date stands in for "today" so that no clock leaks into the data.
/// </summary>
internal sealed record GenerationOptions
{
    public const int DefaultSeed = 441302010;

    public static readonly DateOnly DefaultReferenceDate = new(2026, 9, 30);

    public required DistrictScale Scale { get; init; }

    public int Seed { get; init; } = DefaultSeed;

    public DateOnly ReferenceDate { get; init; } = DefaultReferenceDate;

    /// <summary>GB/T 2260 county division of the district (惠城区).</summary>
    public string CountyCode { get; init; } = Divisions.HuichengDistrict;

    /// <summary>Street/town number of the first street; the demo street is 010.</summary>
    public int FirstStreet { get; init; } = 10;

    /// <summary>First-level grids per street (the city is several streets of this many).</summary>
    public int FirstLevelPerStreet { get; init; } = 11;

    public required int FirstLevelGrids { get; init; }

    public required int SecondLevelGrids { get; init; }

    public required int ThirdLevelGrids { get; init; }

    /// <summary>Lattice size in cells.</summary>
    public required int Columns { get; init; }

    public required int Rows { get; init; }

    public double CellSize { get; init; } = 200;

    public double OriginLon { get; init; } = 114.40;

    public double OriginLat { get; init; } = 23.13;

    /// <summary>Whether to generate rental houses, units, residents and building heads.</summary>
    public required bool IncludePeople { get; init; }

    public int TargetResidents { get; init; } = 175_000;

    public double MigrantShare { get; init; } = 0.69;

    /// <summary>楼栋长: the Xiaojinkou report counts about 7,300.</summary>
    public int TargetBuildingHeads { get; init; } = 7_300;

    public static GenerationOptions Demo(int seed = DefaultSeed, DateOnly? referenceDate = null) => new()
    {
        Scale = DistrictScale.Demo,
        Seed = seed,
        ReferenceDate = referenceDate ?? DefaultReferenceDate,
        FirstLevelGrids = 11,
        SecondLevelGrids = 91,
        ThirdLevelGrids = 243,
        Columns = 40,
        Rows = 32,
        IncludePeople = true,
    };

    /// <summary>
    /// Ten streets of eleven villages each. People are skipped: a million buildings' worth of
    /// residents would take many minutes to load and the benchmarks only draw the map.
    /// </summary>
    public static GenerationOptions City(int seed = DefaultSeed, DateOnly? referenceDate = null) => new()
    {
        Scale = DistrictScale.City,
        Seed = seed,
        ReferenceDate = referenceDate ?? DefaultReferenceDate,
        FirstStreet = 1,
        FirstLevelGrids = 110,
        SecondLevelGrids = 7_500,
        ThirdLevelGrids = 20_000,
        Columns = 252,
        Rows = 236,
        IncludePeople = false,
    };
}
