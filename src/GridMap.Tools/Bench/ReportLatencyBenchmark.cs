using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Data;
using GridMap.Data.Live;
using GridMap.Domain.Grids;
using GridMap.Tools.Generation;
using GridMap.Tools.Simulation;
using Microsoft.Extensions.Logging;
using Npgsql;
using static GridMap.Tools.Bench.TileBenchmark;

namespace GridMap.Tools.Bench;

/// <summary>
/// Report-to-console latency under load: the real web process (all hosted services running,
/// the deadline watcher included), officers' phones posting positions to the live layer through
/// the batch API with their device tokens, consoles attached to /hubs/live over the whole
/// district, and case reports arriving open-loop at a fixed rate through
/// <c>POST /api/v1/cases</c> as the command centre. Latency = from sending a report to a
/// console receiving the <c>cases</c> message of that case, for every (report, console) pair.
/// </summary>
internal sealed class ReportLatencyBenchmark(string webDll, ILoggerFactory loggerFactory)
{
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_giveUpAfter = TimeSpan.FromSeconds(10);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ReportLatencyBenchmark>();

    public sealed record Settings
    {
        public int Officers { get; init; } = 2_000;

        /// <summary>Seconds between two uploads of one phone; each upload carries a fix per second of it.</summary>
        public int PositionInterval { get; init; } = 5;

        public int Consoles { get; init; } = 5;

        /// <summary>Case reports per second, offered open-loop.</summary>
        public int Rate { get; init; } = 100;

        public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

        public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>After the last report: time for its message to reach the consoles.</summary>
        public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(3);

        public int Seed { get; init; } = 1;

        /// <summary>Position uploads in flight at most.</summary>
        public int Senders { get; init; } = 48;

        /// <summary>
        /// Reports in flight at most: enough to keep the schedule with answers up to 0.6 s at
        /// 100/s, and below the web app's connection pool (100), whose exhaustion would turn an
        /// overload into errors (HTTP 500 after the pool's 15 s timeout) instead of lateness.
        /// Lateness shows as the send lag and the latency from the due time.
        /// </summary>
        public int ReportSenders { get; init; } = 64;
    }

    public sealed record Result(
        string Scale, int Officers, int Consoles, long PositionRequests, long PositionsAccepted, long PositionFailures,
        long ReportsDue, long ReportsSent, long ReportsFiled, IReadOnlyDictionary<string, long> ReportFailures, double OfferedPerSecond,
        long Pairs, long Delivered, long LostPairs, long LostCases, double P50, double P90, double P99, double Max,
        double HttpP50, double HttpP99, double MaxSendLagMs, double DueP50, double DueP99, IReadOnlyDictionary<string, long> StatesFiled,
        double MachineBusy, double BenchCpuShare, string LoadBefore, string LoadAfter, IReadOnlyList<string> ConsoleFailures,
        int Categories);

    private sealed record Officer(string DeviceId, string Token, double Lon, double Lat)
    {
        public long LastTicks { get; set; }
    }

    /// <summary>One report: when it was due and sent, the answer, and the case id it got.</summary>
    private sealed class Report
    {
        public long Due { get; init; }

        public long Sent { get; set; }

        public long Answered { get; set; }

        public long CaseId { get; set; }

        public string? State { get; set; }

        public string? Failure { get; set; }
    }

    /// <summary>One console's first arrival of each case (the client calls back one message at a time; read after it stopped).</summary>
    private sealed class CaseTracker
    {
        public SignalRConsoleClient? Client { get; set; }

        public Dictionary<long, long> FirstArrival { get; } = [];

        public void OnCases(IReadOnlyList<ReceivedCase> cases, long arrived)
        {
            foreach (var c in cases)
            {
                FirstArrival.TryAdd(c.Id, arrived);
            }
        }
    }

    public async Task<Result> RunAsync(string scale, string connectionString, GridLocator? locator, Settings settings, CancellationToken cancellationToken)
    {
        var loadBefore = LiveBenchmark.LoadAverage();
        await using var dataSource = GridMapDataSource.Create(connectionString);
        await ResetAsync(dataSource, cancellationToken);
        var officers = await PickOfficersAsync(dataSource, settings, cancellationToken);
        var categories = await CategoriesAsync(dataSource, cancellationToken);
        var boundaries = await new LiveRepository(dataSource).LoadThirdLevelBoundariesAsync(cancellationToken);
        locator ??= new GridLocator(boundaries);
        var places = ReportPlaces(boundaries, locator, settings.Seed);
        var viewport = Extent(boundaries);
        _logger.LogInformation("{Officers} officers with demo device tokens, {Categories} sub-categories, {Places} report places inside the district",
            officers.Count, categories.Count, places.Length);

        var total = (int)Math.Ceiling((settings.WarmUp + settings.Duration).TotalSeconds * settings.Rate);
        var reports = new Report[total];
        var consoles = new List<CaseTracker>();
        long positionRequests = 0, positionsAccepted = 0, positionFailures = 0;
        long warmEnd, end;
        (double Machine, double Bench) cpu;
        await using (var server = await WebProcess.StartAsync(webDll, connectionString, cancellationToken,
                         new Dictionary<string, string> { ["Patrol__OsmAndPort"] = "0" }))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.ReportSenders + settings.Consoles })
            {
                BaseAddress = server.BaseAddress,
                Timeout = s_requestTimeout,
            };
            using var phones = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Senders })
            {
                BaseAddress = server.BaseAddress,
                Timeout = s_requestTimeout,
            };
            var token = await CommandTokenAsync(http, cancellationToken);
            try
            {
                for (var i = 0; i < settings.Consoles; i++)
                {
                    var tracker = new CaseTracker();
                    tracker.Client = await SignalRConsoleClient.ConnectAsync(new Uri(server.BaseAddress, "hubs/live"), token, static (_, _) => { }, cancellationToken, tracker.OnCases);
                    await tracker.Client.InvokeAsync("SetViewport", [viewport.MinX, viewport.MinY, viewport.MaxX, viewport.MaxY], TimeSpan.FromSeconds(10), cancellationToken);
                    consoles.Add(tracker);
                }

                _logger.LogInformation(
                    "{Consoles} consoles attached; {Officers} phones upload every {Interval} s; {Rate} reports/s for {WarmUp} s warm-up + {Duration} s",
                    consoles.Count, officers.Count, settings.PositionInterval, settings.Rate, settings.WarmUp.TotalSeconds, settings.Duration.TotalSeconds);

                var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
                warmEnd = start + (long)(settings.WarmUp.TotalSeconds * Stopwatch.Frequency);
                end = warmEnd + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
                var positionsEnd = end + (long)(settings.Settle.TotalSeconds * Stopwatch.Frequency);
                var cpuTask = LiveBenchmark.MeasureCpuAsync(warmEnd, end, cancellationToken);
                var positionsStop = positionsEnd;
                var positionTask = DrivePositionsAsync(phones, officers, settings, start, () => Interlocked.Read(ref positionsStop), cancellationToken);
                await DriveReportsAsync(http, token, reports, places, categories, settings, start, cancellationToken);
                cpu = await cpuTask;
                // The settle time runs from the last answer (a late report's message needs it too);
                // the phones keep posting until then.
                var settled = Math.Max(positionsEnd, Stopwatch.GetTimestamp() + (long)(settings.Settle.TotalSeconds * Stopwatch.Frequency));
                Interlocked.Exchange(ref positionsStop, settled);
                await Task.Delay(TimeSpan.FromSeconds((double)Math.Max(0, settled - Stopwatch.GetTimestamp()) / Stopwatch.Frequency), cancellationToken);

                (positionRequests, positionsAccepted, positionFailures) = await positionTask;
            }
            finally
            {
                foreach (var console in consoles)
                {
                    if (console.Client is { } client)
                    {
                        await client.DisposeAsync();
                    }
                }
            }
        }

        return Summarise(scale, officers.Count, settings, reports, consoles, warmEnd, end,
            positionRequests, positionsAccepted, positionFailures, cpu, loadBefore, categories.Count);
    }

    private static Result Summarise(
        string scale, int officers, Settings settings, Report[] reports, List<CaseTracker> consoles, long warmEnd, long end,
        long positionRequests, long positionsAccepted, long positionFailures, (double Machine, double Bench) cpu, string loadBefore, int categories)
    {
        static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

        var measured = reports.Where(r => r is not null && r.Due >= warmEnd && r.Due < end).ToList();
        var filed = measured.Where(r => r.CaseId != 0).ToList();
        var latencies = new List<double>(filed.Count * consoles.Count);
        var fromDue = new List<double>(filed.Count * consoles.Count);
        long lostPairs = 0, lostCases = 0;
        foreach (var report in filed)
        {
            var missing = 0;
            foreach (var console in consoles)
            {
                if (console.FirstArrival.TryGetValue(report.CaseId, out var arrived))
                {
                    latencies.Add(Ms(arrived - report.Sent));
                    fromDue.Add(Ms(arrived - report.Due));
                }
                else
                {
                    missing++;
                }
            }

            lostPairs += missing;
            lostCases += missing == consoles.Count ? 1 : 0;
        }

        var http = filed.Select(r => Ms(r.Answered - r.Sent)).ToList();
        var failures = measured.Where(r => r.CaseId == 0).GroupBy(r => r.Failure ?? "no answer").ToDictionary(g => g.Key, g => (long)g.LongCount());
        var states = filed.GroupBy(r => r.State ?? "?").ToDictionary(g => g.Key, g => (long)g.LongCount());
        var window = Ms(end - warmEnd) / 1000;
        return new Result(
            scale, officers, consoles.Count, positionRequests, positionsAccepted, positionFailures,
            measured.Count, measured.Count(r => r.Sent != 0), filed.Count, failures, window > 0 ? measured.Count / window : 0,
            (long)filed.Count * consoles.Count, latencies.Count, lostPairs, lostCases,
            Percentile(latencies, 50), Percentile(latencies, 90), Percentile(latencies, 99), latencies.Count > 0 ? latencies.Max() : 0,
            Percentile(http, 50), Percentile(http, 99), measured.Where(r => r.Sent != 0).Select(r => Ms(r.Sent - r.Due)).DefaultIfEmpty(0).Max(),
            Percentile(fromDue, 50), Percentile(fromDue, 99), states,
            cpu.Machine, cpu.Bench, loadBefore, LiveBenchmark.LoadAverage(),
            consoles.Where(c => c.Client?.Failure is not null).Select(c => c.Client!.Failure!).ToList(), categories);
    }

    /// <summary>
    /// Open loop: report k is due at start + k/rate; each of the senders takes the next due
    /// report, waits for its moment (or goes at once when behind) and posts it. The time a
    /// report went later than due is kept, so a client that could not keep the rate shows.
    /// </summary>
    private static async Task DriveReportsAsync(
        HttpClient http, string token, Report[] reports, (double Lon, double Lat)[] places, IReadOnlyList<string> categories,
        Settings settings, long start, CancellationToken cancellationToken)
    {
        var period = (double)Stopwatch.Frequency / settings.Rate;
        var next = -1;

        async Task SenderAsync()
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var k = Interlocked.Increment(ref next);
                if (k >= reports.Length)
                {
                    return;
                }

                var report = reports[k] = new Report { Due = start + (long)(k * period) };
                var wait = report.Due - Stopwatch.GetTimestamp();
                if (-wait > s_giveUpAfter.TotalSeconds * Stopwatch.Frequency)
                {
                    // Every sender has been waiting on the server for this long: the server takes
                    // fewer reports than offered. Not sending the rest keeps the run bounded; they
                    // count as failures ("not sent").
                    report.Failure = $"not sent: {s_giveUpAfter.TotalSeconds:0} s behind schedule with {settings.ReportSenders} reports in flight";
                    continue;
                }

                if (wait > Stopwatch.Frequency / 1000)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
                }

                var (lon, lat) = places[k % places.Length];
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/cases")
                {
                    Content = JsonContent.Create(new
                    {
                        lat,
                        lon,
                        category = categories[k % categories.Count],
                        description = $"基准测试上报 #{k}（bench dispatch）",
                        confirmNotDuplicate = true,
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                report.Sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    report.Answered = Stopwatch.GetTimestamp();
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        report.Failure = $"HTTP {(int)response.StatusCode}";
                        continue;
                    }

                    using var document = JsonDocument.Parse(body);
                    report.State = document.RootElement.GetProperty("state").GetString();
                    report.CaseId = document.RootElement.GetProperty("id").GetInt64();
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
                {
                    report.Failure = ex.GetType().Name;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, settings.ReportSenders).Select(_ => Task.Run(SenderAsync, cancellationToken)));
    }

    /// <summary>
    /// Every phone uploads once per interval (phones spread evenly over it) the fixes it took
    /// since the last upload, one a second, jittered within about 15 m of a point inside the
    /// officer's own grid, until <paramref name="end"/> (read as it goes: it moves when reports run late).
    /// </summary>
    private static async Task<(long Requests, long Accepted, long Failures)> DrivePositionsAsync(
        HttpClient http, IReadOnlyList<Officer> officers, Settings settings, long start, Func<long> end, CancellationToken cancellationToken)
    {
        var period = (double)Stopwatch.Frequency * settings.PositionInterval / officers.Count;
        long next = -1, requests = 0, accepted = 0, failures = 0;

        async Task SenderAsync(int seed)
        {
            var random = new Random(seed);
            var body = new ArrayBufferWriter<byte>(settings.PositionInterval * 160 + 64);
            while (!cancellationToken.IsCancellationRequested)
            {
                var k = Interlocked.Increment(ref next);
                var due = start + (long)(k * period);
                if (due >= end())
                {
                    return;
                }

                var wait = due - Stopwatch.GetTimestamp();
                if (wait > Stopwatch.Frequency / 1000)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
                }

                var officer = officers[(int)(k % officers.Count)];
                body.ResetWrittenCount();
                WriteFixes(body, officer, settings.PositionInterval, random);
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/positions") { Content = new ReadOnlyMemoryContent(body.WrittenMemory) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", officer.Token);
                Interlocked.Increment(ref requests);
                try
                {
                    using var response = await http.SendAsync(request, cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failures);
                        continue;
                    }

                    using var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
                    Interlocked.Add(ref accepted, answer.RootElement.GetProperty("accepted").GetInt64());
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Senders).Select(i => Task.Run(() => SenderAsync(settings.Seed * 1000 + i), cancellationToken)));
        return (requests, accepted, failures);
    }

    private static void WriteFixes(ArrayBufferWriter<byte> body, Officer officer, int count, Random random)
    {
        long first;
        lock (officer)
        {
            var now = DateTime.UtcNow.Ticks;
            now -= now % 10; // PostgreSQL keeps microseconds
            first = Math.Max(now - (count - 1) * TimeSpan.TicksPerSecond, officer.LastTicks + 10);
            officer.LastTicks = first + (count - 1) * TimeSpan.TicksPerSecond;
        }

        using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteStartArray("positions");
        for (var i = 0; i < count; i++)
        {
            json.WriteStartObject();
            json.WriteString("time", new DateTime(first + i * TimeSpan.TicksPerSecond, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteNumber("lat", Math.Round(officer.Lat + (random.NextDouble() - 0.5) * 0.00027, 7));
            json.WriteNumber("lon", Math.Round(officer.Lon + (random.NextDouble() - 0.5) * 0.00027, 7));
            json.WriteNumber("speed", Math.Round(random.NextDouble() * 1.5, 2));
            json.WriteNumber("heading", random.Next(360));
            json.WriteNumber("accuracy", 5);
            json.WriteNumber("battery", 80);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Each run starts with no positions and no cases, so runs compare and the tables stay small.</summary>
    private static async Task ResetAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            TRUNCATE officer_position, officer_latest;
            TRUNCATE hazard_case CASCADE;
            SELECT officer_position_ensure_partition(d::date)
            FROM generate_series((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 1, interval '1 day') AS d;
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="Settings.Officers"/> demo devices drawn by the seed, each placed at a point
    /// inside the officer's own grid (the grid's label point, on its surface).
    /// </summary>
    private static async Task<IReadOnlyList<Officer>> PickOfficersAsync(NpgsqlDataSource dataSource, Settings settings, CancellationToken cancellationToken)
    {
        var devices = (await PatrolWorld.LoadDevicesAsync(dataSource, DemoAccountsCommand.Password, cancellationToken))
            .Where(d => d.Token is not null)
            .ToList();
        if (devices.Count < settings.Officers)
        {
            throw new InvalidOperationException(
                $"{settings.Officers} officers asked, but the district has {devices.Count} devices with demo tokens (the demo has 542: use the city scale)");
        }

        var chosen = devices.OrderBy(d => d.DeviceId, StringComparer.Ordinal).ToList();
        new Random(settings.Seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chosen));
        chosen = chosen.Take(settings.Officers).ToList();

        await using var command = dataSource.CreateCommand(
            "SELECT code, ST_X(label_point), ST_Y(label_point) FROM grid WHERE valid_to IS NULL AND code = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = chosen.Select(d => d.GridCode).Distinct().ToArray() });
        var points = new Dictionary<string, (double Lon, double Lat)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                points[reader.GetString(0)] = (reader.GetDouble(1), reader.GetDouble(2));
            }
        }

        return chosen.Select(d => new Officer(d.DeviceId, d.Token!, points[d.GridCode].Lon, points[d.GridCode].Lat)).ToList();
    }

    private static async Task<IReadOnlyList<string>> CategoriesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT code FROM hazard_subcategory WHERE valid_to IS NULL ORDER BY code");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var codes = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            codes.Add(reader.GetString(0));
        }

        return codes.Count > 0 ? codes : throw new InvalidOperationException("the taxonomy has no current sub-category");
    }

    /// <summary>Seeded points inside the district: drawn as the lookup benchmark's inside points, kept when a grid contains them.</summary>
    private static (double Lon, double Lat)[] ReportPlaces(IReadOnlyList<GridBoundary> boundaries, GridLocator locator, int seed) =>
        LookupPoints.Generate(boundaries, 20_000, seed + 7)
            .Where(p => p.Kind == LookupPointKind.Inside)
            .Select(p => (Lon: Math.Round(p.Lon, 7), Lat: Math.Round(p.Lat, 7)))
            .Where(p => locator.Locate(p.Lon, p.Lat) is not null)
            .ToArray();

    private static NetTopologySuite.Geometries.Envelope Extent(IReadOnlyList<GridBoundary> boundaries)
    {
        var extent = new NetTopologySuite.Geometries.Envelope();
        foreach (var b in boundaries)
        {
            extent.ExpandToInclude(b.Boundary.EnvelopeInternal);
        }

        return extent;
    }

    private static async Task<string> CommandTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/v1/auth/token", new { username = "command", password = DemoAccountsCommand.Password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }
}
