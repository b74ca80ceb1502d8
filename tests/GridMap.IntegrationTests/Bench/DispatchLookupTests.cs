using GridMap.Testing;
using GridMap.Tools.Bench;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridMap.IntegrationTests.Bench;

/// <summary>
/// `bench dispatch`'s lookup comparison at a tiny scale on the demo district: the in-memory
/// locator and the PostGIS query answer the same grid for every seeded point (inside, outside,
/// on vertices and on edges), and the RESULT line has the keys the issue asks for. No timing is
/// asserted: the figures belong to the benchmark run, not to a shared test machine.
/// </summary>
public sealed class DispatchLookupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_paths_give_the_same_grid_for_every_demo_point()
    {
        await using var database = await DemoDistrict.CreateAsync(Ct);
        var settings = new LookupComparison.Settings
        {
            Points = 3000,
            Seed = 5,
            InMemoryDuration = TimeSpan.FromMilliseconds(50),
            PostGisDuration = TimeSpan.FromMilliseconds(100),
            Parallelism = 2,
            WideParallelism = 4,
        };

        var (result, locator) = await new LookupComparison(database.DataSource, NullLogger.Instance).RunAsync(settings, Ct);

        var thirdLevel = await database.ScalarAsync<long>("SELECT count(*) FROM grid WHERE valid_to IS NULL AND level = 3", Ct);
        Assert.Equal(thirdLevel, result.Grids);
        Assert.Equal(thirdLevel, locator.Count);
        Assert.Equal(3000, result.Points);
        Assert.All(Enum.GetValues<LookupPointKind>(), kind => Assert.True(result.PointsByKind[kind] > 0, $"no {kind} point"));
        Assert.InRange(result.Located, result.PointsByKind[LookupPointKind.Vertex], result.Points - result.PointsByKind[LookupPointKind.Outside]);
        Assert.Empty(result.Mismatches);
        Assert.True(result.TimedChecked > 0);
        Assert.Equal(0, result.TimedDisagreements);
        Assert.All(new[] { result.InMemorySingle, result.InMemoryParallel, result.PostGisSingle, result.PostGisParallel, result.PostGisWide! },
            t => Assert.True(t.Lookups > 0));
        Assert.Equal((1, 2, 1, 2, 4), (result.InMemorySingle.Degree, result.InMemoryParallel.Degree, result.PostGisSingle.Degree, result.PostGisParallel.Degree, result.PostGisWide!.Degree));

        var line = DispatchBenchmark.ResultLine([("demo", result)], null);
        Assert.Matches(@"^RESULT lookups_per_s=\d+ postgis_lookups_per_s=\d+ speedup=[\d.]+ report_p50_ms=n/a report_p99_ms=n/a scale=demo ", line);
        Assert.Contains(" mismatches=0", line);
    }

    [Fact]
    public async Task A_point_on_a_shared_edge_goes_to_the_smaller_code_in_both_paths()
    {
        await using var database = await DemoDistrict.CreateAsync(Ct);
        // A vertex shared by at least two third-level grids, and the smallest code of those covering it.
        await using var find = database.DataSource.CreateCommand(
            """
            WITH v AS (
                SELECT DISTINCT (ST_DumpPoints(g.boundary)).geom AS p
                FROM grid g WHERE g.valid_to IS NULL AND g.level = 3)
            SELECT ST_X(v.p), ST_Y(v.p), min(o.code)
            FROM v JOIN grid o ON o.valid_to IS NULL AND o.level = 3 AND ST_Covers(o.boundary, v.p)
            GROUP BY v.p HAVING count(*) >= 2
            ORDER BY min(o.code) LIMIT 1
            """);
        double lon, lat;
        string smallest;
        await using (var reader = await find.ExecuteReaderAsync(Ct))
        {
            Assert.True(await reader.ReadAsync(Ct), "the demo has no vertex shared by two grids");
            (lon, lat, smallest) = (reader.GetDouble(0), reader.GetDouble(1), reader.GetString(2));
        }

        var boundaries = await new GridMap.Data.Live.LiveRepository(database.DataSource).LoadThirdLevelBoundariesAsync(Ct);
        Assert.Equal(smallest, new GridMap.Domain.Grids.GridLocator(boundaries).Locate(lon, lat));

        await using var command = database.DataSource.CreateCommand(LookupComparison.LocateSql);
        command.Parameters.AddWithValue(lon);
        command.Parameters.AddWithValue(lat);
        Assert.Equal(smallest, await command.ExecuteScalarAsync(Ct) as string);
    }
}
