using GridMap.Domain.Grids;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace GridMap.Tools.Generation;

internal enum LandUse
{
    UrbanVillage,
    Residential,
    Industrial,
    Mixed,
    Green,
}

/// <summary>Community (社区, town centre), ordinary village, or "inverted" village (倒挂村: migrants outnumber locals).</summary>
internal enum VillageKind
{
    Community,
    Village,
    Inverted,
}

internal static class LandUses
{
    public static string Code(this LandUse use) => use switch
    {
        LandUse.UrbanVillage => "urban_village",
        LandUse.Residential => "residential",
        LandUse.Industrial => "industrial",
        LandUse.Mixed => "mixed",
        _ => "green",
    };

    // Land-use mixes (share of cells) per kind of first-level grid: communities are the town
    // centre, villages are mostly hills, fields and factories, inverted villages are the
    // factory-and-rental-house belts.
    public static (LandUse Use, double Share)[] Mix(VillageKind kind) => kind switch
    {
        VillageKind.Community =>
            [(LandUse.Residential, 0.10), (LandUse.Mixed, 0.28), (LandUse.UrbanVillage, 0.09), (LandUse.Industrial, 0.12), (LandUse.Green, 0.41)],
        VillageKind.Village =>
            [(LandUse.UrbanVillage, 0.08), (LandUse.Industrial, 0.24), (LandUse.Mixed, 0.05), (LandUse.Residential, 0.01), (LandUse.Green, 0.62)],
        _ =>
            [(LandUse.UrbanVillage, 0.12), (LandUse.Industrial, 0.33), (LandUse.Mixed, 0.07), (LandUse.Residential, 0.01), (LandUse.Green, 0.47)],
    };

    /// <summary>A rough count of households a cell of this use holds; grids are balanced on it.</summary>
    public static double HouseholdWeight(LandUse use) => use switch
    {
        LandUse.UrbanVillage => 12,
        LandUse.Residential => 10,
        LandUse.Mixed => 7,
        LandUse.Industrial => 3,
        _ => 0.4,
    } + 1.5;
}

internal sealed class FirstLevelGrid(int index, VillageKind kind)
{
    public int Index { get; } = index;

    public VillageKind Kind { get; } = kind;

    public bool IsCommunity => Kind == VillageKind.Community;

    public List<int> Cells { get; } = [];

    public List<SecondLevelGrid> Children { get; } = [];

    public string Name { get; set; } = "";

    public string Code { get; set; } = "";

    public string[] Lineages { get; set; } = [];

    public MultiPolygon Boundary { get; set; } = null!;
}

internal sealed class SecondLevelGrid(FirstLevelGrid parent)
{
    public FirstLevelGrid Parent { get; } = parent;

    public List<int> Cells { get; } = [];

    public List<ThirdLevelGrid> Children { get; } = [];

    public string Name { get; set; } = "";

    public string Code { get; set; } = "";

    public MultiPolygon Boundary { get; set; } = null!;
}

internal sealed class ThirdLevelGrid(SecondLevelGrid parent)
{
    public SecondLevelGrid Parent { get; } = parent;

    public List<int> Cells { get; } = [];

    public string Name { get; set; } = "";

    public string Code { get; set; } = "";

    public MultiPolygon Boundary { get; set; } = null!;
}

/// <summary>
/// The three grid levels over the lattice: first-level regions, a land use for every cell,
/// second- and third-level regions balanced on households, then boundaries (unions of cells,
/// parents as unions of children) and codes in west→east, north→south order.
/// </summary>
internal sealed class GridHierarchy
{
    private GridHierarchy(IReadOnlyList<FirstLevelGrid> firstLevel, LandUse[] landUse, int[] thirdLevelOfCell, IReadOnlyList<ThirdLevelGrid> thirdLevel)
    {
        FirstLevel = firstLevel;
        LandUseOfCell = landUse;
        ThirdLevelOfCell = thirdLevelOfCell;
        ThirdLevel = thirdLevel;
    }

    public IReadOnlyList<FirstLevelGrid> FirstLevel { get; }

    public IEnumerable<SecondLevelGrid> SecondLevel => FirstLevel.SelectMany(f => f.Children);

    public IReadOnlyList<ThirdLevelGrid> ThirdLevel { get; }

    /// <summary>Land use per lattice cell (Green outside the district).</summary>
    public LandUse[] LandUseOfCell { get; }

    /// <summary>Index into <see cref="ThirdLevel"/> per lattice cell, -1 outside the district.</summary>
    public int[] ThirdLevelOfCell { get; }

    public ThirdLevelGrid ThirdLevelAt(int cell) => ThirdLevel[ThirdLevelOfCell[cell]];

    public static GridHierarchy Plan(Lattice lattice, GenerationOptions options, Random random)
    {
        var cells = lattice.DistrictCells;
        if (cells.Count < options.ThirdLevelGrids)
        {
            throw new InvalidOperationException($"{cells.Count} cells cannot hold {options.ThirdLevelGrids} third-level grids");
        }

        // First level: seeds, then kinds by distance from the centre (the town centre is made of communities).
        var seeds = Partitioning.PickSeeds(cells, options.FirstLevelGrids, lattice, random);
        var centre = new Vec2(cells.Average(c => lattice.Center(c).X), cells.Average(c => lattice.Center(c).Y));
        var byDistance = Enumerable.Range(0, seeds.Length).OrderBy(s => (lattice.Center(seeds[s]) - centre).Length).ToArray();
        var communities = options.Scale == DistrictScale.Demo ? 4 : (int)Math.Round(options.FirstLevelGrids * 0.35);
        var villages = byDistance.Skip(communities).OrderBy(_ => random.Next()).ToArray();
        var inverted = new HashSet<int>(villages.Take((int)Math.Ceiling(villages.Length * 0.55)));
        var kinds = new VillageKind[seeds.Length];
        foreach (var s in byDistance.Take(communities))
        {
            kinds[s] = VillageKind.Community;
        }

        foreach (var s in villages)
        {
            kinds[s] = inverted.Contains(s) ? VillageKind.Inverted : VillageKind.Village;
        }

        var targets = kinds.Select(k => k switch { VillageKind.Community => 0.6, VillageKind.Village => 1.0, _ => 1.1 }).ToArray();
        var regionOfCell = Partitioning.Grow(cells, seeds, targets, _ => 1.0, lattice, random);
        var firstLevel = kinds.Select((k, i) => new FirstLevelGrid(i, k)).ToList();
        for (var k = 0; k < cells.Count; k++)
        {
            firstLevel[regionOfCell[k]].Cells.Add(cells[k]);
        }

        var landUse = new LandUse[lattice.CellCount];
        Array.Fill(landUse, LandUse.Green);
        foreach (var first in firstLevel)
        {
            AssignLandUse(first, lattice, landUse, random);
        }

        double Weight(int cell) => LandUses.HouseholdWeight(landUse[cell]);

        // Second level: counts proportional to households, at most 99 (two-digit sequence).
        var secondCounts = Partitioning.Apportion(
            options.SecondLevelGrids,
            firstLevel.Select(f => f.Cells.Sum(Weight)).ToArray(),
            firstLevel.Select(f => Math.Min(99, f.Cells.Count)).ToArray());
        foreach (var first in firstLevel)
        {
            var split = Split(first.Cells, secondCounts[first.Index], Weight, lattice, random);
            foreach (var part in split)
            {
                var second = new SecondLevelGrid(first);
                second.Cells.AddRange(part);
                first.Children.Add(second);
            }
        }

        var secondLevel = firstLevel.SelectMany(f => f.Children).ToList();
        var thirdCounts = Partitioning.Apportion(
            options.ThirdLevelGrids,
            secondLevel.Select(s => s.Cells.Sum(Weight)).ToArray(),
            secondLevel.Select(s => Math.Min(999, s.Cells.Count)).ToArray());
        for (var i = 0; i < secondLevel.Count; i++)
        {
            foreach (var part in Split(secondLevel[i].Cells, thirdCounts[i], Weight, lattice, random))
            {
                var third = new ThirdLevelGrid(secondLevel[i]);
                third.Cells.AddRange(part);
                secondLevel[i].Children.Add(third);
            }
        }

        var thirdLevel = secondLevel.SelectMany(s => s.Children).ToList();
        var thirdOfCell = new int[lattice.CellCount];
        Array.Fill(thirdOfCell, -1);
        for (var t = 0; t < thirdLevel.Count; t++)
        {
            foreach (var cell in thirdLevel[t].Cells)
            {
                thirdOfCell[cell] = t;
            }
        }

        return new GridHierarchy(firstLevel, landUse, thirdOfCell, thirdLevel);
    }

    private static List<List<int>> Split(List<int> cells, int count, Func<int, double> weight, Lattice lattice, Random random)
    {
        var seeds = Partitioning.PickSeeds(cells, count, lattice, random);
        var region = Partitioning.Grow(cells, seeds, Enumerable.Repeat(1.0, count).ToArray(), weight, lattice, random);
        var parts = Enumerable.Range(0, count).Select(_ => new List<int>()).ToList();
        for (var k = 0; k < cells.Count; k++)
        {
            parts[region[k]].Add(cells[k]);
        }

        return parts;
    }

    // Land use comes in patches a few cells across (a factory estate, an old village core, a
    // hill). Patches are drawn at random places, then, in random order, each takes the use
    // furthest below its share of the village's cells: the shares come out close to the mix
    // whatever the seed, which keeps the district's building count steady.
    private static void AssignLandUse(FirstLevelGrid first, Lattice lattice, LandUse[] landUse, Random random)
    {
        var mix = LandUses.Mix(first.Kind);
        var patchCount = Math.Max(2, (int)Math.Round(first.Cells.Count / 3.5));
        var centres = Enumerable.Range(0, patchCount).Select(_ => lattice.Center(first.Cells[random.Next(first.Cells.Count)])).ToArray();
        var members = centres.Select(_ => new List<int>()).ToArray();
        foreach (var cell in first.Cells)
        {
            var centre = lattice.Center(cell);
            var nearest = 0;
            for (var p = 1; p < patchCount; p++)
            {
                if ((centres[p] - centre).Length < (centres[nearest] - centre).Length)
                {
                    nearest = p;
                }
            }

            members[nearest].Add(cell);
        }

        var assigned = new double[mix.Length];
        foreach (var p in Enumerable.Range(0, patchCount).OrderBy(_ => random.Next()))
        {
            var use = Enumerable.Range(0, mix.Length).MaxBy(m => mix[m].Share * first.Cells.Count - assigned[m]);
            assigned[use] += members[p].Count;
            foreach (var cell in members[p])
            {
                landUse[cell] = mix[use].Use;
            }
        }
    }

    /// <summary>
    /// Boundaries, codes and names. A third-level boundary is the union of its cells (whose
    /// shared vertices are bit-identical), a second-level one the union of its children, a
    /// first-level one the union of its children: parents equal their children exactly.
    /// </summary>
    public void BuildBoundariesAndCodes(
        Func<int, Polygon> cellPolygon,
        GeometryFactory factory,
        GenerationOptions options,
        Random random)
    {
        foreach (var third in ThirdLevel)
        {
            third.Boundary = AsMulti(CascadedPolygonUnion.Union(third.Cells.Select(cellPolygon).ToArray()), factory);
        }

        foreach (var second in SecondLevel)
        {
            second.Boundary = AsMulti(CascadedPolygonUnion.Union(second.Children.Select(c => (Geometry)c.Boundary).ToArray()), factory);
        }

        foreach (var first in FirstLevel)
        {
            first.Boundary = AsMulti(CascadedPolygonUnion.Union(first.Children.Select(c => (Geometry)c.Boundary).ToArray()), factory);
        }

        // Names first (they follow the demo list for the street, or are made up for the city),
        // then codes in reading order.
        var firstOrdered = GridSequencing.Order(FirstLevel, f => LabelPoint(f.Boundary));
        var used = new HashSet<string>(StringComparer.Ordinal);
        var demoCommunities = new Queue<string>(ChineseNames.DemoFirstLevel.Where(d => d.IsCommunity).Select(d => d.Name));
        var demoVillages = new Queue<string>(ChineseNames.DemoFirstLevel.Where(d => !d.IsCommunity).Select(d => d.Name));
        for (var index = 0; index < firstOrdered.Count; index++)
        {
            var first = firstOrdered[index];
            var street = options.FirstStreet + index / options.FirstLevelPerStreet;
            var community = index % options.FirstLevelPerStreet + 1;
            first.Code = GridCode.FirstLevel(options.CountyCode, street, community).Value;
            var fromDemoList = first.IsCommunity ? demoCommunities : demoVillages;
            first.Name = fromDemoList.Count > 0 && options.Scale == DistrictScale.Demo
                ? fromDemoList.Dequeue()
                : ChineseNames.PlaceStem(random, used) + (first.IsCommunity ? "社区" : "村");
            used.Add(first.Name[..2]);
            first.Lineages = Enumerable.Range(0, 2)
                .Select(_ => ChineseNames.LineageSurnames[random.Next(ChineseNames.LineageSurnames.Length)])
                .Distinct()
                .ToArray();

            var secondOrdered = GridSequencing.Order(first.Children, s => LabelPoint(s.Boundary));
            first.Children.Clear();
            first.Children.AddRange(secondOrdered);
            for (var s = 0; s < secondOrdered.Count; s++)
            {
                var second = secondOrdered[s];
                second.Code = GridCode.Parse(first.Code).Child(s + 1).Value;
                second.Name = $"{first.Name}第{s + 1}网格";
                var thirdOrdered = GridSequencing.Order(second.Children, t => LabelPoint(t.Boundary));
                second.Children.Clear();
                second.Children.AddRange(thirdOrdered);
                for (var t = 0; t < thirdOrdered.Count; t++)
                {
                    thirdOrdered[t].Code = GridCode.Parse(second.Code).Child(t + 1).Value;
                    thirdOrdered[t].Name = $"{second.Name}第{t + 1}片区";
                }
            }
        }
    }

    /// <summary>The dominant land use of a set of cells, or mixed when none has half of them.</summary>
    public string LandUseOf(IReadOnlyCollection<int> cells)
    {
        var dominant = cells.GroupBy(c => LandUseOfCell[c])
            .Select(g => (Use: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Use)
            .First();
        return dominant.Count * 2 >= cells.Count ? dominant.Use.Code() : LandUse.Mixed.Code();
    }

    private static (double X, double Y) LabelPoint(Geometry geometry)
    {
        var point = geometry.InteriorPoint;
        return (point.X, point.Y);
    }

    private static MultiPolygon AsMulti(Geometry geometry, GeometryFactory factory) => geometry switch
    {
        MultiPolygon multi => multi,
        Polygon polygon => factory.CreateMultiPolygon([polygon]),
        _ => throw new InvalidOperationException($"a union of cells gave a {geometry.GeometryType}"),
    };
}
