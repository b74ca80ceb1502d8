using System.Diagnostics;
using GridMap.Data.Loading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace GridMap.Tools.Generation;

/// <summary>Figures about a generated district, for the command's output and the tests.</summary>
internal sealed record GenerationReport(
    int Cells,
    int CurrentResidents,
    int Migrants,
    IReadOnlyList<(string Code, string Name, string Kind, int Residents, double MigrantShare)> Villages,
    IReadOnlyDictionary<string, int> BuildingsByKind,
    int RentalBuildings,
    int RentalBuildingsWithAccessControl,
    int LargeRentals,
    int BuildingHeads,
    double OccupancyScale)
{
    public double MigrantShare => CurrentResidents == 0 ? 0 : (double)Migrants / CurrentResidents;
}

/// <param name="Outline">The district's outline as the union of its lattice cells (EPSG:4326).</param>
internal sealed record GeneratedDistrict(GenerationOptions Options, DistrictData Data, GenerationReport Report, Geometry Outline);

/// <summary>
/// The deterministic district generator. Everything random comes from one
/// <see cref="Random"/> seeded from the options and handed down in a fixed order, and every
/// date is derived from the options' reference date: the same options give the same district
/// down to the byte (see <see cref="DistrictFingerprint"/>).
/// </summary>
internal static class DistrictGenerator
{
    public static GeneratedDistrict Generate(GenerationOptions options, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var phase = Stopwatch.StartNew();
        void Phase(string name)
        {
            logger.LogInformation("Generation phase {Phase} took {Seconds:F2} s", name, phase.Elapsed.TotalSeconds);
            phase.Restart();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var random = new Random(options.Seed);
        var projection = new LocalProjection(options.OriginLon, options.OriginLat);
        var convert = new GeoConvert(projection);
        var factory = convert.Factory;

        var lattice = Lattice.Create(options.Columns, options.Rows, options.CellSize, random);
        // One lon/lat coordinate per lattice vertex: cells that share a vertex share these exact values.
        var vertexLonLat = new Coordinate[(lattice.Columns + 1) * (lattice.Rows + 1)];
        for (var j = 0; j <= lattice.Rows; j++)
        {
            for (var i = 0; i <= lattice.Columns; i++)
            {
                vertexLonLat[j * (lattice.Columns + 1) + i] = projection.ToLonLat(lattice.Vertex(i, j));
            }
        }

        Polygon CellPolygon(int cell)
        {
            var (i, j) = lattice.CellPosition(cell);
            Coordinate V(int vi, int vj) => vertexLonLat[vj * (lattice.Columns + 1) + vi].Copy();
            return factory.CreatePolygon([V(i, j), V(i + 1, j), V(i + 1, j + 1), V(i, j + 1), V(i, j)]);
        }

        var grids = GridHierarchy.Plan(lattice, options, random);
        Phase("partition");
        grids.BuildBoundariesAndCodes(CellPolygon, factory, options, random);
        // The outline straight from the cells, not from the grids, so that it can check them.
        var outline = CascadedPolygonUnion.Union(lattice.DistrictCells.Select(c => (Geometry)CellPolygon(c)).ToArray());
        Phase("boundaries");

        var roads = RoadNetwork.Build(lattice, grids.LandUseOfCell, random);
        var rivers = Rivers.Plan(lattice, options.Scale, random);
        var water = CascadedPolygonUnion.Union(rivers.Select(r => r.Area).ToArray());

        var blocks = new BlockPlanner(lattice, grids, roads, water, random);
        blocks.PlanAll();
        Phase("blocks");

        var buildings = blocks.Buildings;
        var villageOfBuilding = buildings.Select(b => grids.ThirdLevelAt(b.Cell).Parent.Parent).ToArray();
        var housing = Population.PlanHousing(buildings, villageOfBuilding, random);
        PopulationResult? people = null;
        if (options.IncludePeople)
        {
            people = Population.Generate(buildings, housing, villageOfBuilding, options, random);
        }
        else
        {
            Population.CountHouseholds(buildings, housing, random);
        }

        Phase("people");

        var officers = new OfficerPlanner(options, random);
        officers.PlanGrids(grids);
        var buildingHeads = 0;
        if (options.IncludePeople)
        {
            var eligible = Enumerable.Range(0, buildings.Count)
                .Where(b => housing[b].Households >= 2
                            && (housing[b].IsRental || buildings[b].Kind is BuildingKind.Residential or BuildingKind.Dormitory))
                .ToList();
            var share = Math.Min(1.0, (double)options.TargetBuildingHeads / Math.Max(1, eligible.Count));
            var chosen = eligible.Where(_ => random.NextDouble() < share)
                .Select(b => (BuildingId: b + 1L, grids.ThirdLevelAt(buildings[b].Cell).Code, housing[b].LandlordName))
                .ToList();
            officers.PlanBuildingHeads(chosen);
            buildingHeads = chosen.Count;
        }

        Phase("officers");
        var data = Assemble(options, lattice, grids, roads, rivers, outline, blocks, housing, people, officers, convert);
        Phase("assemble");
        var report = Report(lattice, grids, data, housing, people, buildingHeads);
        Phase("report");
        return new GeneratedDistrict(options, data, report, outline);
    }

    private static DistrictData Assemble(
        GenerationOptions options,
        Lattice lattice,
        GridHierarchy grids,
        RoadNetwork roads,
        List<(string Name, Geometry Area)> rivers,
        Geometry outline,
        BlockPlanner blocks,
        List<Housing> housing,
        PopulationResult? people,
        OfficerPlanner officers,
        GeoConvert convert)
    {
        var buildings = blocks.Buildings;
        var thirdHouseholds = new Dictionary<ThirdLevelGrid, int>();
        for (var b = 0; b < buildings.Count; b++)
        {
            var third = grids.ThirdLevelAt(buildings[b].Cell);
            thirdHouseholds[third] = thirdHouseholds.GetValueOrDefault(third) + housing[b].Households;
        }

        var validFrom = options.ReferenceDate.AddYears(-1);
        var gridRows = new List<GridRow>();
        foreach (var first in grids.FirstLevel.OrderBy(f => f.Code, StringComparer.Ordinal))
        {
            var firstHouseholds = first.Children.SelectMany(s => s.Children).Sum(t => thirdHouseholds.GetValueOrDefault(t));
            gridRows.Add(new GridRow(first.Code, first.Name, 1, null, grids.LandUseOf(first.Cells), first.Boundary, firstHouseholds, validFrom));
        }

        foreach (var second in grids.SecondLevel.OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            var households = second.Children.Sum(t => thirdHouseholds.GetValueOrDefault(t));
            gridRows.Add(new GridRow(second.Code, second.Name, 2, second.Parent.Code, grids.LandUseOf(second.Cells), second.Boundary, households, validFrom));
        }

        foreach (var third in grids.SecondLevel.SelectMany(s => s.Children).OrderBy(t => t.Code, StringComparer.Ordinal))
        {
            gridRows.Add(new GridRow(third.Code, third.Name, 3, third.Parent.Code, grids.LandUseOf(third.Cells), third.Boundary,
                thirdHouseholds.GetValueOrDefault(third), validFrom));
        }

        var buildingRows = new List<BuildingRow>(buildings.Count);
        for (var b = 0; b < buildings.Count; b++)
        {
            var building = buildings[b];
            buildingRows.Add(new BuildingRow(
                b + 1L,
                grids.ThirdLevelAt(building.Cell).Code,
                building.Address,
                building.Floors,
                building.Kind.Code(),
                housing[b].ManagementMode,
                housing[b].AccessControl,
                convert.Footprint(building.Corners)));
        }

        var roadRows = new List<RoadRow>();
        foreach (var (name, roadClass, points) in roads.Runs())
        {
            roadRows.Add(new RoadRow(name, RoadNetwork.ClassCode(roadClass), convert.Factory.CreateMultiLineString([convert.Line(points)])));
        }

        foreach (var lane in blocks.Lanes)
        {
            if (convert.AsMultiLineString(convert.Convert(lane.Line)) is { } line)
            {
                roadRows.Add(new RoadRow(lane.Name, "lane", line));
            }
        }

        var blockRows = new List<BlockRow>();
        foreach (var block in blocks.Blocks)
        {
            if (convert.AsMultiPolygon(convert.Convert(block.Area)) is { } area)
            {
                blockRows.Add(new BlockRow(block.Use.Code(), area));
            }
        }

        var waterRows = new List<WaterRow>();
        foreach (var (name, area) in rivers)
        {
            // Only the reach inside the district is part of its base map.
            if (convert.AsMultiPolygon(convert.Convert(area).Intersection(outline)) is { } inside)
            {
                waterRows.Add(new WaterRow(name, inside));
            }
        }

        foreach (var pond in blocks.Ponds)
        {
            waterRows.Add(new WaterRow(pond.Name, convert.AsMultiPolygon(convert.Convert(pond.Area))!));
        }

        var districtName = options.Scale == DistrictScale.Demo ? "小金口街道 (demo)" : "city-scale benchmark district";
        return new DistrictData(
            districtName,
            options.ReferenceDate,
            gridRows,
            officers.Officers,
            officers.Assignments,
            buildingRows,
            people?.RentalHouses ?? [],
            people?.RentalUnits ?? [],
            people?.Residents ?? [],
            roadRows,
            blockRows,
            waterRows);
    }

    private static GenerationReport Report(Lattice lattice, GridHierarchy grids, DistrictData data, List<Housing> housing, PopulationResult? people, int buildingHeads)
    {
        var current = data.Residents.Where(r => r.DepartedOn is null).ToList();
        var villageOfBuilding = data.Buildings.ToDictionary(b => b.Id, b => b.GridCode[..12]);
        var villages = grids.FirstLevel.OrderBy(f => f.Code, StringComparer.Ordinal).Select(f =>
        {
            var residents = current.Where(r => villageOfBuilding[r.BuildingId] == f.Code).ToList();
            var share = residents.Count == 0 ? 0 : residents.Count(r => r.IsMigrant) / (double)residents.Count;
            return (f.Code, f.Name, f.Kind.ToString(), residents.Count, share);
        }).ToList();
        var rental = housing.Where(h => h.IsRental).ToList();
        return new GenerationReport(
            lattice.DistrictCells.Count,
            current.Count,
            current.Count(r => r.IsMigrant),
            villages,
            data.Buildings.GroupBy(b => b.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            rental.Count,
            rental.Count(h => h.AccessControl),
            rental.Count(h => h.IsLarge),
            buildingHeads,
            people?.OccupancyScale ?? 0);
    }
}
