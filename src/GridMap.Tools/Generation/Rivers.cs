using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;

namespace GridMap.Tools.Generation;

/// <summary>
/// Rivers across the district: a meandering centre line (two sine waves) buffered to the
/// river's width, in the metric plane. The demo street has one; the city a wide main river and
/// two tributaries. Names are fictional.
/// </summary>
internal static class Rivers
{
    public static List<(string Name, Geometry Area)> Plan(Lattice lattice, DistrictScale scale, Random random)
    {
        var points = lattice.DistrictCells.SelectMany(c => lattice.Quad(c)).ToArray();
        var (minX, maxX) = (points.Min(p => p.X), points.Max(p => p.X));
        var (minY, maxY) = (points.Min(p => p.Y), points.Max(p => p.Y));
        var factory = new GeometryFactory();
        var rivers = new List<(string, Geometry)>();
        var specs = scale == DistrictScale.Demo
            ? new[] { (Name: "小金河", Width: 70.0, Horizontal: true) }
            : [("金江", 260.0, true), ("西溪河", 90.0, false), ("龙溪河", 80.0, true)];

        foreach (var (name, width, horizontal) in specs)
        {
            var (from, to) = horizontal ? (minX - 400, maxX + 400) : (minY - 400, maxY + 400);
            var (low, high) = horizontal ? (minY, maxY) : (minX, maxX);
            var across = low + (high - low) * (0.3 + random.NextDouble() * 0.4);
            var amplitude1 = (high - low) * (0.05 + random.NextDouble() * 0.06);
            var wave1 = 2 * Math.PI / ((to - from) * (0.35 + random.NextDouble() * 0.3));
            var phase1 = random.NextDouble() * 2 * Math.PI;
            var amplitude2 = 80 + random.NextDouble() * 150;
            var wave2 = 2 * Math.PI / (700 + random.NextDouble() * 900);
            var phase2 = random.NextDouble() * 2 * Math.PI;
            var coordinates = new List<Coordinate>();
            for (var t = from; t <= to; t += 40)
            {
                var offset = across + amplitude1 * Math.Sin(t * wave1 + phase1) + amplitude2 * Math.Sin(t * wave2 + phase2);
                coordinates.Add(horizontal ? new Coordinate(t, offset) : new Coordinate(offset, t));
            }

            var line = factory.CreateLineString(coordinates.ToArray());
            var area = line.Buffer(width / 2, new BufferParameters(4, EndCapStyle.Flat, JoinStyle.Round, 5));
            rivers.Add((name, area));
        }

        return rivers;
    }
}
