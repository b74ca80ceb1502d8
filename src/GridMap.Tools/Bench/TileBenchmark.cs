using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GridMap.Data;
using GridMap.Data.Tiles;
using GridMap.Domain.Access;
using GridMap.Tools.Generation;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GridMap.Tools.Bench;

/// <summary>
/// `./gridmap bench tiles`: p50/p95 latency of tiles served over HTTP by the real web process,
/// next to the same ST_AsMVT queries run bare through Npgsql, on the demo and the city-scale
/// district, in one run. Also the answer time of a revalidation (304) and of a cached tile.
/// </summary>
internal sealed class TileBenchmark(string webDll, string clusterConnectionString, ILoggerFactory loggerFactory)
{
    private static readonly TileLayer[] s_layers = [TileLayer.Grids, TileLayer.Buildings, TileLayer.Rentals, TileLayer.Base];
    private readonly ILogger _logger = loggerFactory.CreateLogger<TileBenchmark>();

    internal static string DemoPassword =>
        Environment.GetEnvironmentVariable("GRIDMAP_DEMO_PASSWORD") is { Length: > 0 } p ? p : "gridmap-demo";

    public sealed record ScaleResult(
        string Scale, int Tiles, double P50, double P95, double BareP50, double BareP95, double OverheadRatio,
        double CachedP50, double NotModifiedP50, double MeanBytes, double GzipShare);

    public async Task<ScaleResult> RunAsync(string scale, int sampleGrids, CancellationToken cancellationToken)
    {
        var database = $"gridmap_bench_{scale}";
        var connectionString = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = database }.ConnectionString;
        await EnsureDatabaseAsync(database, cancellationToken);
        await ToolCommands.MigrateAsync(connectionString, loggerFactory, cancellationToken);
        var sw = Stopwatch.StartNew();
        if (await GenerateCommand.RunAsync(["--scale", scale, "--if-empty"], connectionString, loggerFactory, cancellationToken) != 0
            || await DemoAccountsCommand.RunAsync([], connectionString, loggerFactory, cancellationToken) != 0)
        {
            throw new InvalidOperationException($"could not load the {scale} district");
        }

        _logger.LogInformation("{Scale} district ready in {Seconds:F1} s", scale, sw.Elapsed.TotalSeconds);

        await using var dataSource = GridMapDataSource.Create(connectionString);
        var tiles = await PickTilesAsync(dataSource, sampleGrids, cancellationToken);
        var warmup = tiles.Take(Math.Min(40, tiles.Count)).ToList();
        _logger.LogInformation("{Scale}: {Count} tiles at z12-18 over {Layers} layers", scale, tiles.Count, s_layers.Length);

        var repository = new TileRepository(dataSource);
        await TimeBareAsync(repository, tiles, cancellationToken); // warms PostgreSQL's buffers for both paths

        await using var server = await WebProcess.StartAsync(webDll, connectionString, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, MaxConnectionsPerServer = 1 })
        {
            BaseAddress = server.BaseAddress,
        };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "command", password = DemoPassword }, cancellationToken);
        token.EnsureSuccessStatusCode();
        var body = await token.Content.ReadFromJsonAsync<TokenBody>(cancellationToken);
        http.DefaultRequestHeaders.Authorization = new("Bearer", body!.Token);
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");

        // Warm the server's code paths on tiles outside the measured set's cache keys (other zoom).
        foreach (var (layer, tile) in warmup)
        {
            await GetAsync(http, layer, tile with { Z = 11, X = tile.X >> (tile.Z - 11), Y = tile.Y >> (tile.Z - 11) }, null, cancellationToken);
        }

        // Bare and served are timed tile by tile, alternately, so that whatever else the machine
        // is doing weighs on both sides of the ratio alike.
        var bare = new List<double>(tiles.Count);
        var gzip = new List<double>(tiles.Count);
        var uncached = new List<double>(tiles.Count);
        var etags = new List<string?>(tiles.Count);
        long bytes = 0;
        foreach (var (layer, tile) in tiles)
        {
            var (queryMs, gzipMs) = (await TimeBareAsync(repository, [(layer, tile)], cancellationToken))[0];
            bare.Add(queryMs);
            gzip.Add(gzipMs);
            var (ms, etag, length) = await GetAsync(http, layer, tile, null, cancellationToken);
            uncached.Add(ms);
            etags.Add(etag);
            bytes += length;
        }

        var cached = new List<double>(tiles.Count);
        foreach (var (layer, tile) in tiles)
        {
            cached.Add((await GetAsync(http, layer, tile, null, cancellationToken)).Ms);
        }

        var notModified = new List<double>(tiles.Count);
        for (var i = 0; i < tiles.Count; i++)
        {
            notModified.Add((await GetAsync(http, tiles[i].Layer, tiles[i].Tile, etags[i], cancellationToken)).Ms);
        }

        return new ScaleResult(
            scale, tiles.Count,
            Percentile(uncached, 50), Percentile(uncached, 95),
            Percentile(bare, 50), Percentile(bare, 95),
            uncached.Sum() / bare.Sum(),
            Percentile(cached, 50), Percentile(notModified, 50),
            (double)bytes / tiles.Count,
            gzip.Sum() / bare.Sum());
    }

    private static async Task<(double Ms, string? ETag, long Length)> GetAsync(
        HttpClient http, TileLayer layer, TileAddress tile, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tiles/{layer.Name}/{tile.Z}/{tile.X}/{tile.Y}.mvt");
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        var start = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.NotModified))
        {
            throw new InvalidOperationException($"tile {layer.Name}/{tile.Z}/{tile.X}/{tile.Y} answered {(int)response.StatusCode}");
        }

        if (ifNoneMatch is not null && response.StatusCode != HttpStatusCode.NotModified)
        {
            throw new InvalidOperationException($"tile {layer.Name}/{tile.Z}/{tile.X}/{tile.Y} was not revalidated");
        }

        return (ms, response.Headers.ETag?.ToString(), content.LongLength);
    }

    private static async Task<List<(double QueryMs, double GzipMs)>> TimeBareAsync(
        TileRepository repository, IReadOnlyList<(TileLayer Layer, TileAddress Tile)> tiles, CancellationToken cancellationToken)
    {
        var times = new List<(double, double)>(tiles.Count);
        foreach (var (layer, tile) in tiles)
        {
            var start = Stopwatch.GetTimestamp();
            byte[] raw = [];
            if (tile.Z >= layer.MinZoom)
            {
                await using var command = repository.CreateCommand(layer, tile, GridScope.Everything);
                raw = await command.ExecuteScalarAsync(cancellationToken) as byte[] ?? [];
            }

            times.Add((Stopwatch.GetElapsedTime(start).TotalMilliseconds, TimeGzip(raw)));
        }

        return times;
    }

    /// <summary>A fixed set: the centre tile of sampled third-level grids at every zoom 12-18, every layer.</summary>
    private static async Task<List<(TileLayer Layer, TileAddress Tile)>> PickTilesAsync(
        NpgsqlDataSource dataSource, int sampleGrids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT ST_X(label_point), ST_Y(label_point)
            FROM grid WHERE valid_to IS NULL AND level = 3
            ORDER BY md5(code) LIMIT @n
            """);
        command.Parameters.AddWithValue("n", sampleGrids);
        var points = new List<(double Lon, double Lat)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                points.Add((reader.GetDouble(0), reader.GetDouble(1)));
            }
        }

        var tiles = new HashSet<(TileLayer, TileAddress)>();
        foreach (var (lon, lat) in points)
        {
            for (var z = 12; z <= 18; z++)
            {
                var (x, y) = TileOf(lon, lat, z);
                foreach (var layer in s_layers)
                {
                    tiles.Add((layer, new TileAddress(z, x, y)));
                }
            }
        }

        return tiles.OrderBy(t => t.Item2.Z).ThenBy(t => t.Item1.Name).ThenBy(t => t.Item2.X).ThenBy(t => t.Item2.Y).ToList();
    }

    internal static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180.0) / 360.0 * n);
        var latRad = lat * Math.PI / 180.0;
        var y = (int)Math.Floor((1.0 - Math.Log(Math.Tan(latRad) + 1.0 / Math.Cos(latRad)) / Math.PI) / 2.0 * n);
        return (Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }

    private async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = "postgres" }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The server gzips every generated tile once; timing the same compression here splits the
    // served time into query, encoding and the rest (HTTP, authentication).
    private static double TimeGzip(byte[] raw)
    {
        if (raw.Length == 0)
        {
            return 0;
        }

        var start = Stopwatch.GetTimestamp();
        using var output = new MemoryStream(raw.Length / 2 + 64);
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    internal static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = percentile / 100.0 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    internal static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
}
