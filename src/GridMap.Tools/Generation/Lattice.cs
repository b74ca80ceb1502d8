using NetTopologySuite.Geometries;

namespace GridMap.Tools.Generation;

/// <summary>
/// Equirectangular projection around the district's origin. Over a few tens of kilometres the
/// error against a proper projection is far below anything the map shows, and it is a pure
/// function of the vertex, so a vertex shared by two cells maps to the same lon/lat in both.
/// </summary>
internal sealed class LocalProjection(double originLon, double originLat)
{
    private const double EarthRadius = 6_378_137.0;
    private readonly double _metresPerDegreeLat = Math.PI * EarthRadius / 180.0;
    private readonly double _metresPerDegreeLon = Math.PI * EarthRadius / 180.0 * Math.Cos(originLat * Math.PI / 180.0);

    public Coordinate ToLonLat(Vec2 p) => new(originLon + p.X / _metresPerDegreeLon, originLat + p.Y / _metresPerDegreeLat);

    public Vec2 ToMetric(Coordinate c) => new((c.X - originLon) * _metresPerDegreeLon, (c.Y - originLat) * _metresPerDegreeLat);
}

/// <summary>
/// The jittered lattice everything is built on. Cell (i, j) is the quad of vertices (i, j),
/// (i+1, j), (i+1, j+1), (i, j+1), counter-clockwise; neighbouring cells share their vertices
/// exactly, which is what makes every union of cells gap-free and every pair of disjoint cell
/// sets overlap-free. Cell edges: 0 south, 1 east, 2 north, 3 west.
/// </summary>
internal sealed class Lattice
{
    private readonly Vec2[] _vertices;
    private readonly bool[] _inDistrict;

    private Lattice(int columns, int rows, double cellSize, Vec2[] vertices, bool[] inDistrict)
    {
        Columns = columns;
        Rows = rows;
        CellSize = cellSize;
        _vertices = vertices;
        _inDistrict = inDistrict;
        DistrictCells = Enumerable.Range(0, columns * rows).Where(c => inDistrict[c]).ToArray();
    }

    public int Columns { get; }

    public int Rows { get; }

    public double CellSize { get; }

    public IReadOnlyList<int> DistrictCells { get; }

    public int CellCount => Columns * Rows;

    public Vec2 Vertex(int i, int j) => _vertices[j * (Columns + 1) + i];

    public int Cell(int i, int j) => j * Columns + i;

    public (int I, int J) CellPosition(int cell) => (cell % Columns, cell / Columns);

    public bool InDistrict(int i, int j) => i >= 0 && j >= 0 && i < Columns && j < Rows && _inDistrict[Cell(i, j)];

    public bool InDistrict(int cell) => _inDistrict[cell];

    public Vec2[] Quad(int cell)
    {
        var (i, j) = CellPosition(cell);
        return [Vertex(i, j), Vertex(i + 1, j), Vertex(i + 1, j + 1), Vertex(i, j + 1)];
    }

    public Vec2 Center(int cell)
    {
        var q = Quad(cell);
        return new Vec2((q[0].X + q[1].X + q[2].X + q[3].X) / 4, (q[0].Y + q[1].Y + q[2].Y + q[3].Y) / 4);
    }

    /// <summary>The cell across edge <paramref name="edge"/> (0 S, 1 E, 2 N, 3 W), or -1 outside the lattice.</summary>
    public int Across(int cell, int edge)
    {
        var (i, j) = CellPosition(cell);
        var (ni, nj) = edge switch
        {
            0 => (i, j - 1),
            1 => (i + 1, j),
            2 => (i, j + 1),
            _ => (i - 1, j),
        };
        return ni >= 0 && nj >= 0 && ni < Columns && nj < Rows ? Cell(ni, nj) : -1;
    }

    /// <summary>Edge-sharing neighbours inside the district, in edge order.</summary>
    public IEnumerable<int> DistrictNeighbours(int cell)
    {
        for (var edge = 0; edge < 4; edge++)
        {
            var other = Across(cell, edge);
            if (other >= 0 && _inDistrict[other])
            {
                yield return other;
            }
        }
    }

    public static Lattice Create(int columns, int rows, double cellSize, Random random)
    {
        var vertices = new Vec2[(columns + 1) * (rows + 1)];
        // A slow warp bends the lattice lines (streets are rarely straight for kilometres), the
        // per-vertex jitter breaks the regularity; both stay small enough to keep every quad convex.
        var warpAmplitude = cellSize * 0.3;
        var warpX = (Wave: 2 * Math.PI / (cellSize * random.Next(7, 13)), Phase: random.NextDouble() * 2 * Math.PI);
        var warpY = (Wave: 2 * Math.PI / (cellSize * random.Next(7, 13)), Phase: random.NextDouble() * 2 * Math.PI);
        var jitter = cellSize * 0.14;
        for (var j = 0; j <= rows; j++)
        {
            for (var i = 0; i <= columns; i++)
            {
                var x = i * cellSize;
                var y = j * cellSize;
                var dx = warpAmplitude * Math.Sin(y * warpX.Wave + warpX.Phase) + (random.NextDouble() * 2 - 1) * jitter;
                var dy = warpAmplitude * Math.Sin(x * warpY.Wave + warpY.Phase) + (random.NextDouble() * 2 - 1) * jitter;
                vertices[j * (columns + 1) + i] = new Vec2(x + dx - columns * cellSize / 2, y + dy - rows * cellSize / 2);
            }
        }

        var inDistrict = Outline(columns, rows, random);
        return new Lattice(columns, rows, cellSize, vertices, inDistrict);
    }

    /// <summary>
    /// An irregular blob of whole cells: a noisy ellipse, reduced to its largest edge-connected
    /// piece, with enclosed holes filled and corner-only contacts widened so the outline is one
    /// simple polygon.
    /// </summary>
    private static bool[] Outline(int columns, int rows, Random random)
    {
        var harmonics = Enumerable.Range(2, 6)
            .Select(k => (K: k, Amplitude: random.NextDouble() * 0.16 / Math.Sqrt(k - 1), Phase: random.NextDouble() * 2 * Math.PI))
            .ToArray();
        var inside = new bool[columns * rows];
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < columns; i++)
            {
                var x = (i + 0.5 - columns / 2.0) / (columns / 2.0);
                var y = (j + 0.5 - rows / 2.0) / (rows / 2.0);
                var angle = Math.Atan2(y, x);
                var radius = 0.9 + harmonics.Sum(h => h.Amplitude * Math.Sin(h.K * angle + h.Phase));
                inside[j * columns + i] = Math.Sqrt(x * x + y * y) <= radius;
            }
        }

        KeepLargestComponent(inside, columns, rows);
        // Filling holes can create corner contacts and widening contacts can enclose holes: repeat
        // until neither changes anything (both only add cells, so this ends).
        var changed = true;
        while (changed)
        {
            changed = FillHoles(inside, columns, rows);
            changed |= WidenCornerContacts(inside, columns, rows);
        }

        return inside;
    }

    private static void KeepLargestComponent(bool[] inside, int columns, int rows)
    {
        var label = new int[inside.Length];
        var sizes = new List<int> { 0 };
        for (var start = 0; start < inside.Length; start++)
        {
            if (!inside[start] || label[start] != 0)
            {
                continue;
            }

            var id = sizes.Count;
            var size = 0;
            var stack = new Stack<int>();
            stack.Push(start);
            label[start] = id;
            while (stack.Count > 0)
            {
                var c = stack.Pop();
                size++;
                foreach (var n in Neighbours4(c, columns, rows))
                {
                    if (inside[n] && label[n] == 0)
                    {
                        label[n] = id;
                        stack.Push(n);
                    }
                }
            }

            sizes.Add(size);
        }

        var largest = sizes.IndexOf(sizes.Max());
        for (var c = 0; c < inside.Length; c++)
        {
            inside[c] = inside[c] && label[c] == largest;
        }
    }

    private static bool FillHoles(bool[] inside, int columns, int rows)
    {
        var outside = new bool[inside.Length];
        var stack = new Stack<int>();
        for (var c = 0; c < inside.Length; c++)
        {
            var (i, j) = (c % columns, c / columns);
            if (!inside[c] && (i == 0 || j == 0 || i == columns - 1 || j == rows - 1))
            {
                outside[c] = true;
                stack.Push(c);
            }
        }

        while (stack.Count > 0)
        {
            var c = stack.Pop();
            foreach (var n in Neighbours4(c, columns, rows))
            {
                if (!inside[n] && !outside[n])
                {
                    outside[n] = true;
                    stack.Push(n);
                }
            }
        }

        var changed = false;
        for (var c = 0; c < inside.Length; c++)
        {
            if (!inside[c] && !outside[c])
            {
                inside[c] = true;
                changed = true;
            }
        }

        return changed;
    }

    private static bool WidenCornerContacts(bool[] inside, int columns, int rows)
    {
        var changed = false;
        for (var j = 0; j + 1 < rows; j++)
        {
            for (var i = 0; i + 1 < columns; i++)
            {
                var a = inside[j * columns + i];
                var b = inside[j * columns + i + 1];
                var c = inside[(j + 1) * columns + i];
                var d = inside[(j + 1) * columns + i + 1];
                if (a && d && !b && !c)
                {
                    inside[j * columns + i + 1] = true;
                    changed = true;
                }
                else if (b && c && !a && !d)
                {
                    inside[j * columns + i] = true;
                    changed = true;
                }
            }
        }

        return changed;
    }

    private static IEnumerable<int> Neighbours4(int cell, int columns, int rows)
    {
        var (i, j) = (cell % columns, cell / columns);
        if (j > 0)
        {
            yield return cell - columns;
        }

        if (i + 1 < columns)
        {
            yield return cell + 1;
        }

        if (j + 1 < rows)
        {
            yield return cell + columns;
        }

        if (i > 0)
        {
            yield return cell - 1;
        }
    }
}
