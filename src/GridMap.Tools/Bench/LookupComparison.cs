using System.Diagnostics;
using GridMap.Data.Live;
using GridMap.Domain.Grids;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Tools.Bench;

/// <summary>
/// Point → third-level grid, two ways, on the same seeded points: the in-memory
/// <see cref="GridLocator"/> the web app uses (built from the same boundaries, read the way
/// <c>GridLocatorSource</c> reads them), and one PostGIS query per point, parameterised,
/// prepared and run over the connection pool as a server would. Both are timed on one thread
/// and at the same degree of parallelism; every point's two answers are compared.
/// </summary>
internal sealed class LookupComparison(NpgsqlDataSource dataSource, ILogger logger)
{
    /// <summary>
    /// The locator's rule in SQL: the third-level grid covering the point (interior or
    /// boundary); on a shared edge or vertex several do, and the smallest code wins. Grids do not
    /// overlap, so a point inside one is covered by that one alone. The GiST index on boundary
    /// (partial, current rows) prunes by bounding box first.
    /// </summary>
    internal const string LocateSql =
        """
        SELECT code FROM grid
        WHERE valid_to IS NULL AND level = 3
          AND ST_Covers(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326))
        ORDER BY code LIMIT 1
        """;

    /// <summary>The same rule over every point at once: the reference answer for each.</summary>
    private const string LocateAllSql =
        """
        SELECT p.i, (SELECT g.code FROM grid g
                     WHERE g.valid_to IS NULL AND g.level = 3
                       AND ST_Covers(g.boundary, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
                     ORDER BY g.code LIMIT 1)
        FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, i)
        """;

    public sealed record Settings
    {
        public int Points { get; init; } = 20_000;

        public int Seed { get; init; } = 1;

        public TimeSpan InMemoryDuration { get; init; } = TimeSpan.FromSeconds(2);

        public TimeSpan PostGisDuration { get; init; } = TimeSpan.FromSeconds(3);

        /// <summary>The parallel degree both paths are measured at: one lookup per core in flight.</summary>
        public int Parallelism { get; init; } = Environment.ProcessorCount;

        /// <summary>
        /// PostGIS once more with this many lookups in flight: a pooled server overlaps round
        /// trips, so the database's own best rate is taken too (0 = skip).
        /// </summary>
        public int WideParallelism { get; init; } = 4 * Environment.ProcessorCount;
    }

    public sealed record Throughput(int Degree, long Lookups, double Seconds)
    {
        public double PerSecond => Seconds > 0 ? Lookups / Seconds : 0;
    }

    public sealed record Mismatch(LookupPoint Point, string? InMemory, string? PostGis);

    public sealed record Result(
        int Grids, double BuildMs, int Points, IReadOnlyDictionary<LookupPointKind, int> PointsByKind, int Located,
        Throughput InMemorySingle, Throughput InMemoryParallel, Throughput PostGisSingle, Throughput PostGisParallel,
        Throughput? PostGisWide, long TimedChecked, long TimedDisagreements, IReadOnlyList<Mismatch> Mismatches)
    {
        public Throughput PostGisBest => PostGisWide is { } wide && wide.PerSecond > PostGisParallel.PerSecond ? wide : PostGisParallel;

        /// <summary>In memory against the PostGIS path at its best parallel rate (the same degree or wider).</summary>
        public double Speedup => PostGisBest.PerSecond > 0 ? InMemoryParallel.PerSecond / PostGisBest.PerSecond : 0;
    }

    public async Task<(Result Result, GridLocator Locator)> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        // The web app's own reader of the boundaries, then the locator it builds from them.
        var boundaries = await new LiveRepository(dataSource).LoadThirdLevelBoundariesAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var locator = new GridLocator(boundaries);
        var buildMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var points = LookupPoints.Generate(boundaries, settings.Points, settings.Seed);
        var expected = points.Select(p => locator.Locate(p.Lon, p.Lat)).ToArray();
        logger.LogInformation("{Grids} third-level grids indexed in {Ms:F0} ms; {Points} points, {Located} in a grid",
            locator.Count, buildMs, points.Length, expected.Count(e => e is not null));

        var reference = await LocateAllAsync(points, cancellationToken);
        var mismatches = new List<Mismatch>();
        for (var i = 0; i < points.Length; i++)
        {
            if (!string.Equals(expected[i], reference[i], StringComparison.Ordinal))
            {
                mismatches.Add(new Mismatch(points[i], expected[i], reference[i]));
            }
        }

        TimeInMemory(locator, points, 1, TimeSpan.FromMilliseconds(300)); // JIT to the optimised tier
        var memorySingle = TimeInMemory(locator, points, 1, settings.InMemoryDuration);
        var memoryParallel = TimeInMemory(locator, points, settings.Parallelism, settings.InMemoryDuration);

        var checks = new TimedChecks();
        await TimePostGisAsync(points, expected, settings.Parallelism, TimeSpan.FromMilliseconds(500), checks, cancellationToken); // prepares on the pooled connections
        var postgisSingle = await TimePostGisAsync(points, expected, 1, settings.PostGisDuration, checks, cancellationToken);
        var postgisParallel = await TimePostGisAsync(points, expected, settings.Parallelism, settings.PostGisDuration, checks, cancellationToken);
        var postgisWide = settings.WideParallelism > settings.Parallelism
            ? await TimePostGisAsync(points, expected, settings.WideParallelism, settings.PostGisDuration, checks, cancellationToken)
            : null;

        var byKind = Enum.GetValues<LookupPointKind>().ToDictionary(k => k, k => points.Count(p => p.Kind == k));
        return (new Result(
            locator.Count, buildMs, points.Length, byKind, expected.Count(e => e is not null),
            memorySingle, memoryParallel, postgisSingle, postgisParallel, postgisWide,
            checks.Checked, checks.Disagreements, mismatches), locator);
    }

    /// <summary>Every point through the SQL rule in one statement.</summary>
    private async Task<string?[]> LocateAllAsync(LookupPoint[] points, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LocateAllSql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double, Value = points.Select(p => p.Lon).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double, Value = points.Select(p => p.Lat).ToArray() });
        var answers = new string?[points.Length];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            answers[reader.GetInt64(0) - 1] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return answers;
    }

    /// <summary>
    /// <paramref name="threads"/> dedicated threads look up points round-robin for the
    /// duration; each counts what it found so the work cannot be optimised away.
    /// </summary>
    internal static Throughput TimeInMemory(GridLocator locator, LookupPoint[] points, int threads, TimeSpan duration)
    {
        var counts = new long[threads];
        var found = new long[threads];
        using var go = new ManualResetEventSlim(false);
        var stopAt = 0L;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            go.Wait();
            var end = Volatile.Read(ref stopAt);
            long n = 0, hits = 0;
            var k = t * (points.Length / threads);
            while (true)
            {
                for (var j = 0; j < 1024; j++)
                {
                    var p = points[k];
                    if (locator.Locate(p.Lon, p.Lat) is not null)
                    {
                        hits++;
                    }

                    if (++k == points.Length)
                    {
                        k = 0;
                    }
                }

                n += 1024;
                if (Stopwatch.GetTimestamp() >= end)
                {
                    break;
                }
            }

            counts[t] = n;
            found[t] = hits;
        }) { IsBackground = true, Name = $"lookup-{t}" }).ToList();

        workers.ForEach(w => w.Start());
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, start + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        go.Set();
        workers.ForEach(w => w.Join());
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        GC.KeepAlive(found);
        return new Throughput(threads, counts.Sum(), seconds);
    }

    private sealed class TimedChecks
    {
        private long _checked;
        private long _disagreements;

        public long Checked => Interlocked.Read(ref _checked);

        public long Disagreements => Interlocked.Read(ref _disagreements);

        public void Add(long count, long disagreements)
        {
            Interlocked.Add(ref _checked, count);
            Interlocked.Add(ref _disagreements, disagreements);
        }
    }

    /// <summary>
    /// <paramref name="degree"/> lookups in flight, each the way a request handler would do it:
    /// take a connection from the pool, run the prepared statement with the point as
    /// parameters, give the connection back. Every answer is checked against the locator's.
    /// </summary>
    private async Task<Throughput> TimePostGisAsync(
        LookupPoint[] points, string?[] expected, int degree, TimeSpan duration, TimedChecks checks, CancellationToken cancellationToken)
    {
        long next = -1, total = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkerAsync()
        {
            long n = 0, disagreements = 0;
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var k = (int)(Interlocked.Increment(ref next) % points.Length);
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var command = new NpgsqlCommand(LocateSql, connection);
                command.Parameters.Add(new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double, TypedValue = points[k].Lon });
                command.Parameters.Add(new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double, TypedValue = points[k].Lat });
                // Prepared once per physical connection; later calls find it in the connection's cache.
                await command.PrepareAsync(cancellationToken);
                var code = await command.ExecuteScalarAsync(cancellationToken) as string;
                n++;
                if (!string.Equals(code, expected[k], StringComparison.Ordinal))
                {
                    disagreements++;
                }
            }

            Interlocked.Add(ref total, n);
            checks.Add(n, disagreements);
        }

        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, degree).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        return new Throughput(degree, total, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}
