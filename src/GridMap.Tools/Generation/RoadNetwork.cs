namespace GridMap.Tools.Generation;

internal enum RoadClass
{
    None,
    Lane,
    Street,
    Secondary,
    Primary,
}

/// <summary>
/// Roads on lattice edges. Whole lattice lines are designated primary (every ninth or so) or
/// secondary (every third); any other edge is a street when it borders built-up land, and no
/// road at all between two green cells (hills and fields have tracks, not streets). Every line
/// has a name, so an address can be given even along a track.
/// </summary>
internal sealed class RoadNetwork
{
    private readonly Lattice _lattice;
    private readonly RoadClass[] _horizontal; // edge (i, j) of horizontal line j: index j * Columns + i
    private readonly RoadClass[] _vertical;   // edge (i, j) of vertical line i: index i * Rows + j
    private readonly string[] _horizontalNames;
    private readonly string[] _verticalNames;

    private RoadNetwork(Lattice lattice, RoadClass[] horizontal, RoadClass[] vertical, string[] horizontalNames, string[] verticalNames)
    {
        _lattice = lattice;
        _horizontal = horizontal;
        _vertical = vertical;
        _horizontalNames = horizontalNames;
        _verticalNames = verticalNames;
    }

    public static double HalfWidth(RoadClass road) => road switch
    {
        RoadClass.Primary => 18,
        RoadClass.Secondary => 12,
        RoadClass.Street => 7,
        RoadClass.Lane => 2,
        _ => 0,
    };

    public static string ClassCode(RoadClass road) => road switch
    {
        RoadClass.Primary => "primary",
        RoadClass.Secondary => "secondary",
        RoadClass.Street => "street",
        _ => "lane",
    };

    public static RoadNetwork Build(Lattice lattice, LandUse[] landUse, Random random)
    {
        var columns = lattice.Columns;
        var rows = lattice.Rows;
        RoadClass LineClass(int line, int primaryOffset, int secondaryOffset) =>
            line % 9 == primaryOffset ? RoadClass.Primary
            : line % 3 == secondaryOffset ? RoadClass.Secondary
            : RoadClass.None;

        var hPrimary = random.Next(9);
        var vPrimary = random.Next(9);
        var hLine = Enumerable.Range(0, rows + 1).Select(j => LineClass(j, hPrimary, (hPrimary + 1 + random.Next(2)) % 3)).ToArray();
        var vLine = Enumerable.Range(0, columns + 1).Select(i => LineClass(i, vPrimary, (vPrimary + 1 + random.Next(2)) % 3)).ToArray();

        RoadClass EdgeClass(RoadClass line, int cellA, int cellB)
        {
            var inA = cellA >= 0 && lattice.InDistrict(cellA);
            var inB = cellB >= 0 && lattice.InDistrict(cellB);
            if (!inA && !inB)
            {
                return RoadClass.None;
            }

            if (line != RoadClass.None)
            {
                return line;
            }

            var builtA = inA && landUse[cellA] != LandUse.Green;
            var builtB = inB && landUse[cellB] != LandUse.Green;
            return builtA || builtB ? RoadClass.Street : RoadClass.None;
        }

        int CellOrNone(int i, int j) => i >= 0 && j >= 0 && i < columns && j < rows ? lattice.Cell(i, j) : -1;

        var horizontal = new RoadClass[(rows + 1) * columns];
        for (var j = 0; j <= rows; j++)
        {
            for (var i = 0; i < columns; i++)
            {
                horizontal[j * columns + i] = EdgeClass(hLine[j], CellOrNone(i, j - 1), CellOrNone(i, j));
            }
        }

        var vertical = new RoadClass[(columns + 1) * rows];
        for (var i = 0; i <= columns; i++)
        {
            for (var j = 0; j < rows; j++)
            {
                vertical[i * rows + j] = EdgeClass(vLine[i], CellOrNone(i - 1, j), CellOrNone(i, j));
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        string Name(RoadClass line) => ChineseNames.PlaceStem(random, used) + line switch
        {
            RoadClass.Primary => "大道",
            RoadClass.Secondary => "路",
            _ => "街",
        };

        var horizontalNames = hLine.Select(Name).ToArray();
        var verticalNames = vLine.Select(Name).ToArray();
        return new RoadNetwork(lattice, horizontal, vertical, horizontalNames, verticalNames);
    }

    /// <summary>The road on edge <paramref name="edge"/> (0 S, 1 E, 2 N, 3 W) of a cell.</summary>
    public RoadClass EdgeClass(int cell, int edge)
    {
        var (i, j) = _lattice.CellPosition(cell);
        return edge switch
        {
            0 => _horizontal[j * _lattice.Columns + i],
            1 => _vertical[(i + 1) * _lattice.Rows + j],
            2 => _horizontal[(j + 1) * _lattice.Columns + i],
            _ => _vertical[i * _lattice.Rows + j],
        };
    }

    /// <summary>
    /// Name of the lattice line under an edge, the position of the cell along it and the side
    /// of the line the cell is on (0: odd numbers, 1: even numbers).
    /// </summary>
    public (string Name, int Position, int Side) EdgeLine(int cell, int edge)
    {
        var (i, j) = _lattice.CellPosition(cell);
        return edge switch
        {
            0 => (_horizontalNames[j], i, 1),
            1 => (_verticalNames[i + 1], j, 0),
            2 => (_horizontalNames[j + 1], i, 0),
            _ => (_verticalNames[i], j, 1),
        };
    }

    /// <summary>Contiguous runs of same-class edges along each line: one base-map road each.</summary>
    public IEnumerable<(string Name, RoadClass Class, List<Vec2> Points)> Runs()
    {
        var columns = _lattice.Columns;
        var rows = _lattice.Rows;
        for (var j = 0; j <= rows; j++)
        {
            foreach (var run in RunsOfLine(columns, i => _horizontal[j * columns + i], i => _lattice.Vertex(i, j)))
            {
                yield return (_horizontalNames[j], run.Class, run.Points);
            }
        }

        for (var i = 0; i <= columns; i++)
        {
            foreach (var run in RunsOfLine(rows, k => _vertical[i * rows + k], k => _lattice.Vertex(i, k)))
            {
                yield return (_verticalNames[i], run.Class, run.Points);
            }
        }
    }

    private static IEnumerable<(RoadClass Class, List<Vec2> Points)> RunsOfLine(int edges, Func<int, RoadClass> classOf, Func<int, Vec2> vertex)
    {
        var start = 0;
        while (start < edges)
        {
            var road = classOf(start);
            var end = start;
            while (end + 1 < edges && classOf(end + 1) == road)
            {
                end++;
            }

            if (road != RoadClass.None)
            {
                yield return (road, Enumerable.Range(start, end - start + 2).Select(vertex).ToList());
            }

            start = end + 1;
        }
    }
}
