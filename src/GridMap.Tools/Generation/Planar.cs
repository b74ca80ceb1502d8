namespace GridMap.Tools.Generation;

/// <summary>A point or vector in the local metric plane (metres east, metres north of the origin).</summary>
internal readonly record struct Vec2(double X, double Y)
{
    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Vec2 operator *(Vec2 a, double k) => new(a.X * k, a.Y * k);

    public double Dot(Vec2 other) => X * other.X + Y * other.Y;

    public double Cross(Vec2 other) => X * other.Y - Y * other.X;

    public double Length => Math.Sqrt(X * X + Y * Y);

    public Vec2 Normalized()
    {
        var length = Length;
        return new Vec2(X / length, Y / length);
    }

    /// <summary>The vector turned 90° counter-clockwise: inward for an edge of a counter-clockwise polygon.</summary>
    public Vec2 LeftNormal => new(-Y, X);
}

/// <summary>
/// An orthonormal frame: U along a block edge, V to its left (into a counter-clockwise block).
/// Building layouts are drawn as axis-aligned rectangles in a frame, so a row of houses follows
/// its street whatever the street's bearing.
/// </summary>
internal readonly record struct Frame(Vec2 Origin, Vec2 U)
{
    public Vec2 V => U.LeftNormal;

    public static Frame AlongEdge(IReadOnlyList<Vec2> polygon, int edge)
    {
        var a = polygon[edge];
        var b = polygon[(edge + 1) % polygon.Count];
        return new Frame(a, (b - a).Normalized());
    }

    public Vec2 ToLocal(Vec2 p)
    {
        var d = p - Origin;
        return new Vec2(d.Dot(U), d.Dot(V));
    }

    public Vec2 ToWorld(double u, double v) => Origin + U * u + V * v;

    /// <summary>The rectangle [u, u+width] × [v, v+depth] as a counter-clockwise quad in world coordinates.</summary>
    public Vec2[] Rectangle(double u, double v, double width, double depth) =>
        [ToWorld(u, v), ToWorld(u + width, v), ToWorld(u + width, v + depth), ToWorld(u, v + depth)];
}

/// <summary>Exact, allocation-light tests on small convex counter-clockwise polygons.</summary>
internal static class Convex
{
    public static double SignedArea(IReadOnlyList<Vec2> polygon)
    {
        var sum = 0.0;
        for (var i = 0; i < polygon.Count; i++)
        {
            sum += polygon[i].Cross(polygon[(i + 1) % polygon.Count]);
        }

        return sum / 2;
    }

    public static bool IsConvexCounterClockwise(IReadOnlyList<Vec2> polygon)
    {
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            var c = polygon[(i + 2) % polygon.Count];
            if ((b - a).Cross(c - b) <= 0)
            {
                return false;
            }
        }

        return true;
    }

    public static bool Contains(IReadOnlyList<Vec2> polygon, Vec2 p)
    {
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            if ((b - a).Cross(p - a) < 0)
            {
                return false;
            }
        }

        return true;
    }

    public static bool ContainsAll(IReadOnlyList<Vec2> polygon, IReadOnlyList<Vec2> points)
    {
        foreach (var p in points)
        {
            if (!Contains(polygon, p))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Moves every edge inward by its own distance and returns the polygon the moved edges
    /// bound, or null when that polygon would collapse (not convex any more, or under
    /// <paramref name="minArea"/>). Edge k runs from vertex k to vertex k+1.
    /// </summary>
    public static Vec2[]? Inset(IReadOnlyList<Vec2> polygon, IReadOnlyList<double> distances, double minArea = 1)
    {
        var n = polygon.Count;
        var points = new Vec2[n];
        var directions = new Vec2[n];
        for (var k = 0; k < n; k++)
        {
            var a = polygon[k];
            var direction = (polygon[(k + 1) % n] - a).Normalized();
            directions[k] = direction;
            points[k] = a + direction.LeftNormal * distances[k];
        }

        var result = new Vec2[n];
        for (var k = 0; k < n; k++)
        {
            var previous = (k + n - 1) % n;
            var denominator = directions[previous].Cross(directions[k]);
            if (Math.Abs(denominator) < 1e-12)
            {
                return null;
            }

            // Intersection of line (points[previous], directions[previous]) and line (points[k], directions[k]).
            var t = (points[k] - points[previous]).Cross(directions[k]) / denominator;
            result[k] = points[previous] + directions[previous] * t;
        }

        return IsConvexCounterClockwise(result) && SignedArea(result) >= minArea ? result : null;
    }

    /// <summary>
    /// Separating-axis test for two convex counter-clockwise polygons. Touching counts as no
    /// overlap only when the gap is at least <paramref name="clearance"/>.
    /// </summary>
    public static bool Overlap(IReadOnlyList<Vec2> a, IReadOnlyList<Vec2> b, double clearance = 0)
    {
        return !HasSeparatingAxis(a, b, clearance) && !HasSeparatingAxis(b, a, clearance);
    }

    private static bool HasSeparatingAxis(IReadOnlyList<Vec2> a, IReadOnlyList<Vec2> b, double clearance)
    {
        for (var i = 0; i < a.Count; i++)
        {
            var p = a[i];
            var normal = (a[(i + 1) % a.Count] - p).Normalized().LeftNormal;
            // a lies on the inner side of its edge (dot ≥ 0); b separated when all of it is beyond -clearance.
            var separated = true;
            foreach (var q in b)
            {
                if ((q - p).Dot(normal) > -clearance)
                {
                    separated = false;
                    break;
                }
            }

            if (separated)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Clips the segment a→b to a convex counter-clockwise polygon (Cyrus–Beck); null when outside.</summary>
    public static (Vec2 A, Vec2 B)? ClipSegment(IReadOnlyList<Vec2> polygon, Vec2 a, Vec2 b)
    {
        double t0 = 0, t1 = 1;
        var d = b - a;
        for (var i = 0; i < polygon.Count; i++)
        {
            var p = polygon[i];
            var normal = (polygon[(i + 1) % polygon.Count] - p).LeftNormal;
            var numerator = (a - p).Dot(normal);
            var denominator = d.Dot(normal);
            if (Math.Abs(denominator) < 1e-12)
            {
                if (numerator < 0)
                {
                    return null;
                }

                continue;
            }

            var t = -numerator / denominator;
            if (denominator > 0)
            {
                t0 = Math.Max(t0, t);
            }
            else
            {
                t1 = Math.Min(t1, t);
            }

            if (t0 > t1)
            {
                return null;
            }
        }

        return (a + d * t0, a + d * t1);
    }
}
