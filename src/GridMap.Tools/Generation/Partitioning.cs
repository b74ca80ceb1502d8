namespace GridMap.Tools.Generation;

/// <summary>
/// Splits a connected set of lattice cells into contiguous regions by balanced growth from
/// seeds: the region furthest below its target takes the free neighbouring cell nearest its
/// seed. Every region grows through shared edges, so each one is edge-connected (its union is
/// one polygon) and, the set being connected, every cell ends up in some region.
/// </summary>
internal static class Partitioning
{
    /// <summary>Seeds spread by farthest-point sampling, the first one random.</summary>
    public static int[] PickSeeds(IReadOnlyList<int> cells, int count, Lattice lattice, Random random)
    {
        if (count > cells.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"cannot make {count} regions of {cells.Count} cells");
        }

        var centers = cells.Select(lattice.Center).ToArray();
        var nearest = Enumerable.Repeat(double.MaxValue, cells.Count).ToArray();
        var seeds = new int[count];
        var chosen = random.Next(cells.Count);
        for (var s = 0; s < count; s++)
        {
            seeds[s] = cells[chosen];
            var best = -1.0;
            var next = 0;
            for (var k = 0; k < cells.Count; k++)
            {
                var d = centers[k] - centers[chosen];
                nearest[k] = Math.Min(nearest[k], d.Dot(d));
                if (nearest[k] > best)
                {
                    best = nearest[k];
                    next = k;
                }
            }

            chosen = next;
        }

        return seeds;
    }

    /// <summary>
    /// Grows one region per seed over <paramref name="cells"/>; returns the region of each cell
    /// (aligned with <paramref name="cells"/>). <paramref name="targets"/> are relative sizes
    /// measured in <paramref name="weight"/>.
    /// </summary>
    public static int[] Grow(
        IReadOnlyList<int> cells,
        IReadOnlyList<int> seeds,
        IReadOnlyList<double> targets,
        Func<int, double> weight,
        Lattice lattice,
        Random random)
    {
        var local = new Dictionary<int, int>(cells.Count);
        for (var k = 0; k < cells.Count; k++)
        {
            local[cells[k]] = k;
        }

        // A little noise on the distance makes boundaries wander instead of running as straight Voronoi lines.
        var noise = cells.Select(_ => 1 + random.NextDouble() * 0.35).ToArray();
        var region = Enumerable.Repeat(-1, cells.Count).ToArray();
        var size = new double[seeds.Count];
        var frontier = seeds.Select(_ => new PriorityQueue<int, double>()).ToArray();
        var seedCenters = seeds.Select(lattice.Center).ToArray();

        void Take(int r, int k)
        {
            region[k] = r;
            size[r] += weight(cells[k]);
            foreach (var neighbour in lattice.DistrictNeighbours(cells[k]))
            {
                if (local.TryGetValue(neighbour, out var n) && region[n] < 0)
                {
                    var d = (lattice.Center(neighbour) - seedCenters[r]).Length * noise[n];
                    frontier[r].Enqueue(n, d);
                }
            }
        }

        for (var r = 0; r < seeds.Count; r++)
        {
            Take(r, local[seeds[r]]);
        }

        var assigned = seeds.Count;
        while (assigned < cells.Count)
        {
            var best = -1;
            var bestRatio = double.MaxValue;
            for (var r = 0; r < seeds.Count; r++)
            {
                var queue = frontier[r];
                while (queue.TryPeek(out var k, out _) && region[k] >= 0)
                {
                    queue.Dequeue();
                }

                if (queue.Count == 0)
                {
                    continue;
                }

                var ratio = size[r] / targets[r];
                if (ratio < bestRatio)
                {
                    bestRatio = ratio;
                    best = r;
                }
            }

            if (best < 0)
            {
                throw new InvalidOperationException("the cells to split are not connected");
            }

            Take(best, frontier[best].Dequeue());
            assigned++;
        }

        return region;
    }

    /// <summary>
    /// Shares <paramref name="total"/> seats among parties by weight (Sainte-Laguë), each party
    /// getting at least <paramref name="minimum"/> and at most its own maximum.
    /// </summary>
    public static int[] Apportion(int total, IReadOnlyList<double> weights, IReadOnlyList<int> maximum, int minimum = 1)
    {
        var seats = new int[weights.Count];
        if (weights.Select((_, i) => Math.Min(minimum, maximum[i])).Sum() > total || maximum.Sum() < total)
        {
            throw new InvalidOperationException($"cannot share {total} among {weights.Count} with the given bounds");
        }

        var queue = new PriorityQueue<int, (double, int)>();
        for (var i = 0; i < weights.Count; i++)
        {
            seats[i] = Math.Min(minimum, maximum[i]);
            if (seats[i] < maximum[i])
            {
                queue.Enqueue(i, (-weights[i] / (2 * seats[i] + 1), i));
            }
        }

        var remaining = total - seats.Sum();
        while (remaining > 0)
        {
            var i = queue.Dequeue();
            seats[i]++;
            remaining--;
            if (seats[i] < maximum[i])
            {
                queue.Enqueue(i, (-weights[i] / (2 * seats[i] + 1), i));
            }
        }

        return seats;
    }
}
