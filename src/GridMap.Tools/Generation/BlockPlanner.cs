using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace GridMap.Tools.Generation;

internal enum BuildingKind
{
    SelfBuilt,
    Residential,
    Factory,
    Dormitory,
    ShopHouse,
    Public,
    VillageHouse,
}

internal static class BuildingKinds
{
    public static string Code(this BuildingKind kind) => kind switch
    {
        BuildingKind.SelfBuilt => "self_built",
        BuildingKind.Residential => "residential",
        BuildingKind.Factory => "factory",
        BuildingKind.Dormitory => "dormitory",
        BuildingKind.ShopHouse => "shop_house",
        BuildingKind.Public => "public",
        _ => "village_house",
    };
}

/// <summary>A building as placed: a convex footprint in the metric plane and what it is.</summary>
internal sealed class PlannedBuilding(Vec2[] corners, BuildingKind kind, short floors, int cell)
{
    public Vec2[] Corners { get; } = corners;

    public BuildingKind Kind { get; } = kind;

    public short Floors { get; } = floors;

    public int Cell { get; } = cell;

    public string Address { get; set; } = "";

    public double Area => Convex.SignedArea(Corners);
}

internal sealed record PlannedLane(string Name, Geometry Line);

internal sealed record PlannedBlock(LandUse Use, Geometry Area);

internal sealed record PlannedPond(string? Name, Polygon Area);

/// <summary>
/// Fills each cell's block with buildings. A block is the cell shrunk by half the width of the
/// road on each edge; buildings are axis-aligned rectangles in a frame along one block edge,
/// accepted only when all four corners are inside the (further shrunk) block and, near the
/// river, clear of the water. Layout patterns never overlap by construction (rows and columns
/// with gaps); the shop-house strips along roads live in a band the interior layout is kept
/// out of, and strips on neighbouring edges are checked against each other.
/// </summary>
internal sealed class BlockPlanner
{
    // Frontage numbers per block side: shop-houses take 1, 3, 5 …, the block gate the last one.
    private const int NumbersPerSide = 40;

    private readonly Lattice _lattice;
    private readonly GridHierarchy _grids;
    private readonly RoadNetwork _roads;
    private readonly Random _random;
    private readonly Geometry _water;
    private readonly Envelope _waterEnvelope;
    private readonly IPreparedGeometry _waterPrepared;
    private readonly IPreparedGeometry _waterClearance;
    private readonly GeometryFactory _metric = new();
    private readonly Dictionary<FirstLevelGrid, int> _laneClusters = [];
    private readonly HashSet<string> _estateNames = new(StringComparer.Ordinal);

    public BlockPlanner(Lattice lattice, GridHierarchy grids, RoadNetwork roads, Geometry water, Random random)
    {
        _lattice = lattice;
        _grids = grids;
        _roads = roads;
        _random = random;
        _water = water;
        _waterEnvelope = water.EnvelopeInternal;
        // Prepared: the rivers' envelope spans the district, so nearly every block asks.
        _waterPrepared = new PreparedGeometryFactory().Create(water);
        // Buildings keep a few metres from the bank.
        _waterClearance = new PreparedGeometryFactory().Create(water.Buffer(6));
    }

    public List<PlannedBuilding> Buildings { get; } = [];

    public List<PlannedLane> Lanes { get; } = [];

    public List<PlannedBlock> Blocks { get; } = [];

    public List<PlannedPond> Ponds { get; } = [];

    public void PlanAll()
    {
        foreach (var cell in _lattice.DistrictCells)
        {
            PlanBlock(cell);
        }
    }

    private sealed class Placement(Vec2[] corners, BuildingKind kind, short floors, Address address)
    {
        public Vec2[] Corners { get; } = corners;

        public BuildingKind Kind { get; } = kind;

        public short Floors { get; } = floors;

        public Address Address { get; } = address;
    }

    private abstract record Address;

    private sealed record FrontageAddress(int Edge, int Index) : Address;

    private sealed record GateAddress(string? Estate) : Address;

    private sealed record LaneAddress(int Lane, bool Below, double U) : Address;

    private sealed class Block(int cell, Vec2[] quad, RoadClass[] classes, double[] halfWidths, Vec2[] area, LandUse use, FirstLevelGrid village, bool nearWater)
    {
        public int Cell { get; } = cell;

        public Vec2[] Quad { get; } = quad;

        public RoadClass[] Classes { get; } = classes;

        public double[] HalfWidths { get; } = halfWidths;

        /// <summary>The block itself: the cell less the roads.</summary>
        public Vec2[] Area { get; } = area;

        public LandUse Use { get; } = use;

        public FirstLevelGrid Village { get; } = village;

        public bool NearWater { get; } = nearWater;

        public List<Placement> Placed { get; } = [];

        public List<(int Lane, Vec2 A, Vec2 B)> LaneSegments { get; } = [];

        public Vec2[]? Inset(double setback, double[]? extra = null) =>
            Convex.Inset(Quad, Enumerable.Range(0, 4).Select(k => HalfWidths[k] + setback + (extra?[k] ?? 0)).ToArray(), minArea: 400);
    }

    private double Uniform(double min, double max) => min + _random.NextDouble() * (max - min);

    private int Between(int min, int maxInclusive) => _random.Next(min, maxInclusive + 1);

    private void PlanBlock(int cell)
    {
        var quad = _lattice.Quad(cell);
        var classes = Enumerable.Range(0, 4).Select(e => _roads.EdgeClass(cell, e)).ToArray();
        var half = classes.Select(RoadNetwork.HalfWidth).ToArray();
        var area = Convex.Inset(quad, half, minArea: 100);
        if (area is null)
        {
            return;
        }

        var use = _grids.LandUseOfCell[cell];
        var village = _grids.ThirdLevelAt(cell).Parent.Parent;
        var envelope = new Envelope(quad.Min(p => p.X), quad.Max(p => p.X), quad.Min(p => p.Y), quad.Max(p => p.Y));
        var nearWater = _waterEnvelope.Intersects(envelope) && _waterPrepared.Intersects(MetricPolygon(quad));
        var block = new Block(cell, quad, classes, half, area, use, village, nearWater);

        Geometry blockArea = MetricPolygon(area);
        if (nearWater)
        {
            blockArea = blockArea.Difference(_water);
        }

        if (!blockArea.IsEmpty)
        {
            Blocks.Add(new PlannedBlock(use, blockArea));
        }

        switch (use)
        {
            case LandUse.UrbanVillage:
                {
                    // Shops face the main roads; a village block turns its back on a secondary road half the time.
                    var shopsOn = _random.NextDouble() < 0.5 ? RoadClass.Secondary : RoadClass.Primary;
                    var interior = WithStrips(block, c => c >= shopsOn, setback: 1.5);
                    if (interior is not null)
                    {
                        VillageRows(block, interior, coverage: _random.NextDouble() < 0.5 ? 1.0 : Uniform(0.45, 0.85), publicChance: 0.3);
                    }

                    break;
                }

            case LandUse.Residential:
                {
                    var shopsOn = _random.NextDouble() < 0.6 ? RoadClass.Secondary : RoadClass.Primary;
                    var interior = WithStrips(block, c => c >= shopsOn, setback: 3);
                    if (interior is not null)
                    {
                        Estate(block, interior, highRise: _random.NextDouble() < 0.55);
                    }

                    break;
                }

            case LandUse.Industrial:
                {
                    var interior = block.Inset(8);
                    if (interior is not null)
                    {
                        Industrial(block, interior);
                    }

                    break;
                }

            case LandUse.Mixed:
                {
                    // A busy mixed block has shops on every street, a quieter one only on the main roads.
                    var shopsOn = _random.NextDouble() < 0.25 ? RoadClass.Street : RoadClass.Secondary;
                    var interior = WithStrips(block, c => c >= shopsOn, setback: 1.5);
                    var roll = _random.NextDouble();
                    if (interior is null)
                    {
                        break;
                    }

                    if (roll < 0.55)
                    {
                        VillageRows(block, interior, coverage: Uniform(0.4, 0.9), publicChance: 0.15);
                    }
                    else if (roll < 0.8)
                    {
                        Estate(block, interior, highRise: false);
                    }
                    else
                    {
                        Campus(block, interior);
                    }

                    break;
                }

            default:
                Green(block);
                break;
        }

        var accepted = block.Placed;
        if (nearWater)
        {
            accepted = accepted.Where(p => !_waterClearance.Intersects(MetricPolygon(p.Corners))).ToList();
        }

        AssignAddresses(block, accepted);
    }

    /// <summary>
    /// Shop-houses (商住楼) in a row along every edge whose road qualifies; returns the interior
    /// left for the block's main layout, kept a service lane behind the shop-houses.
    /// </summary>
    private Vec2[]? WithStrips(Block block, Func<RoadClass, bool> wants, double setback)
    {
        var buildable = block.Inset(setback);
        if (buildable is null)
        {
            return null;
        }

        var depth = Uniform(12, 15);
        var extra = new double[4];
        var strip = new List<Vec2[]>();
        for (var edge = 0; edge < 4; edge++)
        {
            if (!wants(block.Classes[edge]))
            {
                continue;
            }

            extra[edge] = depth + 4;
            var frame = Frame.AlongEdge(buildable, edge);
            var length = (buildable[(edge + 1) % 4] - buildable[edge]).Length;
            var u = Uniform(0.5, 3);
            var index = 0;
            var floors = (short)Between(3, 6);
            var edgeStrip = new List<Vec2[]>();
            while (index < NumbersPerSide - 2)
            {
                var width = Uniform(8, 13);
                if (u + width > length)
                {
                    break;
                }

                // A hair off the edge line: a corner exactly on it would pass or fail on rounding.
                var rect = frame.Rectangle(u, 0.05, width, depth);
                u += width + Uniform(0.5, 0.9);
                // Only the strips of earlier edges can collide (at the block's corners).
                if (!Convex.ContainsAll(buildable, rect) || strip.Any(s => Convex.Overlap(s, rect, 0.3)))
                {
                    continue;
                }

                edgeStrip.Add(rect);
                var storeys = _random.NextDouble() < 0.7 ? floors : (short)Between(2, 7);
                block.Placed.Add(new Placement(rect, BuildingKind.ShopHouse, storeys, new FrontageAddress(edge, index++)));
            }

            strip.AddRange(edgeStrip);
        }

        return block.Inset(setback, extra);
    }

    /// <summary>
    /// An urban village (城中村): rows of self-built rental houses ~10 × 12 m, back to back with a
    /// gap of a metre or two (握手楼), rows facing each other across lanes of 3.5–5 m.
    /// </summary>
    private void VillageRows(Block block, Vec2[] interior, double coverage, double publicChance)
    {
        var frame = Frame.AlongEdge(interior, 0);
        var (u0, u1, v0, v1) = Bounds(frame, interior);
        var baseWidth = Uniform(9.5, 11);
        var depth = Uniform(10.5, 13);
        var sideGap = Uniform(0.9, 1.6);
        var backGap = Uniform(1.2, 2.2);
        var lane = Uniform(3.5, 5);
        var limit = v0 + (v1 - v0) * coverage;

        Vec2[]? reserved = null;
        if (_random.NextDouble() < publicChance)
        {
            reserved = TryPlace(frame, interior, u0, u1, v0, limit, Uniform(24, 36), Uniform(16, 24));
            if (reserved is not null)
            {
                block.Placed.Add(new Placement(reserved, BuildingKind.Public, (short)Between(2, 4), new GateAddress(null)));
            }
        }

        var v = v0 + Uniform(0, 2);
        var laneIndex = 0;
        while (v + depth <= limit)
        {
            var facing = 0;
            for (var row = 0; row < 2; row++)
            {
                var rowV = row == 0 ? v : v + depth + lane;
                if (rowV + depth > limit)
                {
                    break;
                }

                var u = u0 + Uniform(0, 2);
                while (true)
                {
                    var width = baseWidth + Uniform(-0.8, 0.8);
                    if (u + width > u1)
                    {
                        break;
                    }

                    var rect = frame.Rectangle(u, rowV, width, depth);
                    var houseU = u;
                    u += width + sideGap;
                    if (!Convex.ContainsAll(interior, rect)
                        || (reserved is not null && Convex.Overlap(reserved, rect, 2))
                        || _random.NextDouble() < 0.05)
                    {
                        continue;
                    }

                    var villageHouse = _random.NextDouble() < 0.3;
                    var floors = villageHouse ? (short)Between(2, 4) : SelfBuiltFloors();
                    block.Placed.Add(new Placement(rect, villageHouse ? BuildingKind.VillageHouse : BuildingKind.SelfBuilt, floors,
                        new LaneAddress(laneIndex, Below: row == 0, houseU)));
                    facing++;
                }
            }

            var centre = v + depth + lane / 2;
            var clipped = Convex.ClipSegment(block.Area, frame.ToWorld(u0 - 40, centre), frame.ToWorld(u1 + 40, centre));
            if (facing >= 2 && clipped is { } segment)
            {
                block.LaneSegments.Add((laneIndex, segment.A, segment.B));
            }

            laneIndex++;
            v += 2 * depth + lane + backGap;
        }
    }

    private short SelfBuiltFloors()
    {
        // 3 to 8 storeys, most 4–6: the handshake buildings of Pearl River Delta villages.
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.15 => 3,
            < 0.43 => 4,
            < 0.70 => 5,
            < 0.86 => 6,
            < 0.95 => 7,
            _ => 8,
        };
    }

    /// <summary>A property estate (商品房小区): towers in rows with sun spacing, or older walk-ups.</summary>
    private void Estate(Block block, Vec2[] interior, bool highRise)
    {
        var frame = Frame.AlongEdge(interior, 0);
        var (u0, u1, v0, v1) = Bounds(frame, interior);
        var estate = ChineseNames.EstateName(_random, _estateNames);
        var width = highRise ? Uniform(24, 34) : Uniform(40, 60);
        var depth = highRise ? Uniform(14, 18) : Uniform(11, 13);
        var gapU = highRise ? Uniform(22, 32) : Uniform(8, 14);
        var gapV = highRise ? Uniform(34, 46) : Uniform(14, 20);
        int[] towerHeights = [11, 15, 18, 18, 24, 26, 28, 32];
        var baseFloors = highRise ? towerHeights[_random.Next(towerHeights.Length)] : Between(6, 9);

        Vec2[]? kindergarten = null;
        if (_random.NextDouble() < 0.4)
        {
            kindergarten = TryPlace(frame, interior, u0, u1, v0, v1, Uniform(28, 36), Uniform(18, 24));
            if (kindergarten is not null)
            {
                block.Placed.Add(new Placement(kindergarten, BuildingKind.Public, 3, new GateAddress(estate)));
            }
        }

        for (var v = v0 + Uniform(4, 10); v + depth <= v1; v += depth + gapV)
        {
            for (var u = u0 + Uniform(2, 8); u + width <= u1; u += width + gapU)
            {
                var rect = frame.Rectangle(u, v, width, depth);
                if (!Convex.ContainsAll(interior, rect)
                    || (kindergarten is not null && Convex.Overlap(kindergarten, rect, 6))
                    || _random.NextDouble() < 0.06)
                {
                    continue;
                }

                var floors = (short)Math.Max(2, baseFloors + (highRise ? Between(-3, 0) : Between(-1, 0)));
                block.Placed.Add(new Placement(rect, BuildingKind.Residential, floors, new GateAddress(estate)));
            }
        }
    }

    /// <summary>An industrial estate: rows of factory halls with dormitory rows among them.</summary>
    private void Industrial(Block block, Vec2[] interior)
    {
        var frame = Frame.AlongEdge(interior, 0);
        var (u0, u1, v0, v1) = Bounds(frame, interior);
        var v = v0 + Uniform(2, 8);
        while (v < v1)
        {
            var dormitory = _random.NextDouble() < 0.1;
            var depth = dormitory ? Uniform(11, 14) : Uniform(24, 45);
            if (v + depth > v1)
            {
                break;
            }

            var u = u0 + Uniform(2, 8);
            while (true)
            {
                var width = dormitory ? Uniform(35, 55) : Uniform(20, 70);
                if (u + width > u1)
                {
                    break;
                }

                var rect = frame.Rectangle(u, v, width, depth);
                u += width + (dormitory ? Uniform(10, 16) : Uniform(12, 20));
                if (!Convex.ContainsAll(interior, rect))
                {
                    continue;
                }

                var floors = dormitory ? (short)Between(4, 7) : FactoryFloors();
                block.Placed.Add(new Placement(rect, dormitory ? BuildingKind.Dormitory : BuildingKind.Factory, floors, new GateAddress(null)));
            }

            v += depth + Uniform(14, 24);
        }
    }

    private short FactoryFloors() => _random.NextDouble() switch
    {
        < 0.15 => 1,
        < 0.35 => 2,
        < 0.60 => 3,
        < 0.85 => 4,
        _ => 5,
    };

    /// <summary>A school, market or clinic with its yard.</summary>
    private void Campus(Block block, Vec2[] interior)
    {
        var frame = Frame.AlongEdge(interior, 0);
        var (u0, u1, v0, v1) = Bounds(frame, interior);
        var count = Between(1, 3);
        var v = v0 + Uniform(6, 20);
        for (var k = 0; k < count; k++)
        {
            var width = Uniform(30, 60);
            var depth = Uniform(14, 22);
            var rect = frame.Rectangle(u0 + Uniform(6, 30), v, width, depth);
            if (v + depth <= v1 && Convex.ContainsAll(interior, rect))
            {
                block.Placed.Add(new Placement(rect, BuildingKind.Public, (short)Between(2, 5), new GateAddress(null)));
            }

            v += depth + Uniform(18, 30);
        }
    }

    /// <summary>Hills, fields and fish ponds: now and then a pond, a hamlet of village houses or a pump house.</summary>
    private void Green(Block block)
    {
        var interior = block.Inset(4);
        if (interior is null)
        {
            return;
        }

        var frame = Frame.AlongEdge(interior, 0);
        var (u0, u1, v0, v1) = Bounds(frame, interior);
        var roll = _random.NextDouble();
        if (roll < 0.18 && !block.NearWater)
        {
            var centre = frame.ToWorld(Uniform(u0 + 60, Math.Max(u0 + 61, u1 - 60)), Uniform(v0 + 50, Math.Max(v0 + 51, v1 - 50)));
            var a = Uniform(25, 60);
            var b = Uniform(18, 40);
            var angle = _random.NextDouble() * Math.PI;
            var ring = Enumerable.Range(0, 16).Select(k =>
            {
                var t = 2 * Math.PI * k / 16;
                var x = a * Math.Cos(t) * (1 + 0.08 * Math.Sin(3 * t));
                var y = b * Math.Sin(t);
                return centre + new Vec2(x * Math.Cos(angle) - y * Math.Sin(angle), x * Math.Sin(angle) + y * Math.Cos(angle));
            }).ToArray();
            if (Convex.ContainsAll(interior, ring))
            {
                var name = _random.NextDouble() < 0.3 ? ChineseNames.PlaceStem(_random, new HashSet<string>()) + "塘" : null;
                Ponds.Add(new PlannedPond(name, MetricPolygon(ring)));
            }
        }
        else if (roll < 0.8)
        {
            var houses = Between(5, 14);
            var width = Uniform(9, 12);
            var depth = Uniform(9, 11);
            var startU = Uniform(u0, Math.Max(u0, u1 - 70));
            var startV = Uniform(v0, Math.Max(v0, v1 - 30));
            for (var k = 0; k < houses; k++)
            {
                var rect = frame.Rectangle(startU + (k % 6) * (width + 4.5), startV + (k / 6) * (depth + 6), width, depth);
                if (Convex.ContainsAll(interior, rect) && !block.Placed.Any(p => Convex.Overlap(p.Corners, rect, 1)))
                {
                    block.Placed.Add(new Placement(rect, BuildingKind.VillageHouse, (short)Between(2, 3), new GateAddress(null)));
                }
            }
        }
        else if (roll < 0.86)
        {
            var rect = TryPlace(frame, interior, u0, u1, v0, v1, Uniform(12, 25), Uniform(10, 16));
            if (rect is not null)
            {
                block.Placed.Add(new Placement(rect, BuildingKind.Public, (short)Between(1, 2), new GateAddress(null)));
            }
        }
    }

    private Vec2[]? TryPlace(Frame frame, Vec2[] region, double u0, double u1, double v0, double v1, double width, double depth)
    {
        for (var attempt = 0; attempt < 12; attempt++)
        {
            if (u1 - u0 <= width || v1 - v0 <= depth)
            {
                return null;
            }

            var rect = frame.Rectangle(Uniform(u0, u1 - width), Uniform(v0, v1 - depth), width, depth);
            if (Convex.ContainsAll(region, rect))
            {
                return rect;
            }
        }

        return null;
    }

    private static (double U0, double U1, double V0, double V1) Bounds(Frame frame, IReadOnlyList<Vec2> polygon)
    {
        var local = polygon.Select(frame.ToLocal).ToArray();
        return (local.Min(p => p.X), local.Max(p => p.X), local.Min(p => p.Y), local.Max(p => p.Y));
    }

    /// <summary>
    /// Chinese addresses: shop-houses take a number on their road (odd on one side, even on the
    /// other), everything else in the block shares the block's gate number on its main road
    /// ("…88号3栋"), and village houses are numbered along their lane ("白石村三巷12号").
    /// </summary>
    private void AssignAddresses(Block block, List<Placement> accepted)
    {
        var village = block.Village.Name;
        var mainEdge = Enumerable.Range(0, 4).OrderByDescending(e => block.Classes[e]).ThenBy(e => e).First();

        (string Line, int Base, int Side) Side(int edge)
        {
            var (name, position, side) = _roads.EdgeLine(block.Cell, edge);
            return (name, position * 2 * NumbersPerSide, side);
        }

        // Lanes that kept houses get names: a prefix per village cluster, numbers within it.
        var laneNames = new Dictionary<int, string>();
        var lanesWithHouses = accepted.Select(p => p.Address).OfType<LaneAddress>().Select(a => a.Lane).Distinct().Order().ToList();
        if (lanesWithHouses.Count > 0)
        {
            _laneClusters.TryGetValue(block.Village, out var cluster);
            _laneClusters[block.Village] = cluster + 1;
            var prefix = ChineseNames.LaneClusterPrefix(cluster);
            for (var k = 0; k < lanesWithHouses.Count; k++)
            {
                laneNames[lanesWithHouses[k]] = $"{village}{prefix}{ChineseNames.Numeral(k + 1)}巷";
            }
        }

        foreach (var (lane, a, b) in block.LaneSegments)
        {
            if (!laneNames.TryGetValue(lane, out var name))
            {
                continue;
            }

            Geometry line = _metric.CreateLineString([new Coordinate(a.X, a.Y), new Coordinate(b.X, b.Y)]);
            if (block.NearWater)
            {
                line = line.Difference(_water);
            }

            if (!line.IsEmpty)
            {
                Lanes.Add(new PlannedLane(name, line));
            }
        }

        var laneHouses = accepted.Where(p => p.Address is LaneAddress)
            .GroupBy(p => (((LaneAddress)p.Address).Lane, ((LaneAddress)p.Address).Below));
        var laneNumbers = new Dictionary<Placement, int>();
        foreach (var side in laneHouses)
        {
            var rank = 0;
            foreach (var house in side.OrderBy(p => ((LaneAddress)p.Address).U))
            {
                laneNumbers[house] = 2 * rank++ + (side.Key.Below ? 1 : 2);
            }
        }

        var frontage = accepted.Where(p => p.Address is FrontageAddress)
            .GroupBy(p => ((FrontageAddress)p.Address).Edge)
            .SelectMany(g => g.OrderBy(p => ((FrontageAddress)p.Address).Index).Select((p, rank) => (p, rank)))
            .ToDictionary(x => x.p, x => x.rank);
        var gated = accepted.Where(p => p.Address is GateAddress).ToList();
        var gate = Side(mainEdge);
        var gateNumber = gate.Base + 2 * (NumbersPerSide - 1) + 1 + gate.Side;

        var gateIndex = 0;
        foreach (var placed in accepted)
        {
            var address = placed.Address switch
            {
                LaneAddress lane => $"{laneNames[lane.Lane]}{laneNumbers[placed]}号",
                FrontageAddress front => FrontageText(front, frontage[placed]),
                GateAddress { Estate: var estate } => gated.Count == 1
                    ? $"{village}{gate.Line}{gateNumber}号"
                    : $"{village}{gate.Line}{gateNumber}号{estate}{++gateIndex}栋",
                _ => throw new InvalidOperationException(),
            };
            Buildings.Add(new PlannedBuilding(placed.Corners, placed.Kind, placed.Floors, block.Cell) { Address = address });
        }

        string FrontageText(FrontageAddress front, int rank)
        {
            var (line, numberBase, side) = Side(front.Edge);
            return $"{village}{line}{numberBase + 2 * rank + 1 + side}号";
        }
    }

    private Polygon MetricPolygon(IReadOnlyList<Vec2> ring)
    {
        var coordinates = new Coordinate[ring.Count + 1];
        for (var k = 0; k < ring.Count; k++)
        {
            coordinates[k] = new Coordinate(ring[k].X, ring[k].Y);
        }

        coordinates[^1] = coordinates[0].Copy();
        return _metric.CreatePolygon(coordinates);
    }
}
