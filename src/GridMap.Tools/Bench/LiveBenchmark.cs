using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Data;
using GridMap.Data.Patrol;
using GridMap.Tools.Devices;
using GridMap.Tools.Generation;
using GridMap.Tools.Simulation;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using static GridMap.Tools.Bench.TileBenchmark;

namespace GridMap.Tools.Bench;

/// <summary>
/// `./gridmap bench live`: in one run, on the demo district in the bench cluster, the real web
/// process with N consoles attached to /hubs/live (viewport = the whole district) takes ingest
/// at a target rate from many concurrent senders on the batch API (real device tokens, positions
/// along the demo roads). Measures positions accepted per second, the latency from the moment a
/// device request is sent to the moment the position reaches each console, loss (acknowledged
/// but not stored), and, as the baseline the COPY path must beat, the same number of positions
/// written with plain INSERTs through Npgsql at the same concurrency.
/// </summary>
internal sealed class LiveBenchmark(string webDll, string clusterConnectionString, ILoggerFactory loggerFactory)
{
    private const string Database = "gridmap_bench_demo";
    private const int PathLength = 300;
    private const int CopyBatch = 1000;
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggerFactory.CreateLogger<LiveBenchmark>();

    public sealed record Settings
    {
        public int Consoles { get; init; } = 50;

        /// <summary>Concurrent HTTP senders (and connections of the INSERT baseline).</summary>
        public int Senders { get; init; } = 64;

        /// <summary>
        /// Positions per request: one device's buffered fixes. With the demo's 542 devices at
        /// 12,000 positions/s, 40 per request brings each device's requests 1.8 s apart, longer
        /// than the hub's per-officer coalescing interval (1 s), so a delivered position does not
        /// wait in a console's coalescing buffer for the interval to run out (with 20 per
        /// request, 0.9 s apart, it would wait up to a second by design).
        /// </summary>
        public int BatchSize { get; init; } = 40;

        /// <summary>Target positions per second offered to the server.</summary>
        public int Rate { get; init; } = 12_000;

        public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

        public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

        /// <summary>After the last request: time for the last batches to reach the consoles.</summary>
        public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(3);

        /// <summary>Each INSERT baseline stops after this long even if it has not written everything.</summary>
        public TimeSpan BaselineLimit { get; init; } = TimeSpan.FromSeconds(45);

        public int Seed { get; init; } = 1;
    }

    public sealed record BaselineResult(string Method, long Positions, double Seconds, bool Capped)
    {
        public double PerSecond => Seconds > 0 ? Positions / Seconds : 0;
    }

    public sealed record Result(
        int Consoles, long Sent, long Acknowledged, long Rejected, long Busy, long Errors, long StoredOfAcknowledged,
        long StoredTotal, long AcceptedInWindow, double WindowSeconds, long DeliveredPairs, long DistinctDelivered,
        long SupersededPairs, long FinalMissing, long ForeignItems, double P50, double P90, double P99, double Max,
        BaselineResult SingleRow, BaselineResult MultiRow, string LoadBefore, string LoadAfter, IReadOnlyList<string> ConsoleFailures,
        int Devices, double MachineBusy, double BenchCpuShare, BaselineResult CopyWriter)
    {
        public double PositionsPerSecond => WindowSeconds > 0 ? AcceptedInWindow / WindowSeconds : 0;

        public long Lost => Acknowledged - StoredOfAcknowledged;
    }

    private sealed record BenchFix(double Lat, double Lon, double Speed, double Heading, double Battery);

    /// <summary>A device the benchmark sends for: token, pre-walked path, and its last time (guarded by itself).</summary>
    private sealed class BenchDevice(PatrolDevice device, BenchFix[] path)
    {
        public PatrolDevice Device { get; } = device;

        public BenchFix[] Path { get; } = path;

        public int Cursor { get; set; }

        public long LastTicks { get; set; }
    }

    public static async Task<int> RunCommandAsync(string[] args, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var (settings, web, error) = ParseArguments(args);
        var cluster = Environment.GetEnvironmentVariable("GRIDMAP_BENCH_DB");
        if (error is not null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        if (web is null || !File.Exists(web) || cluster is null)
        {
            Console.Error.WriteLine("bench live needs --web PATH-TO-GridMap.Web.dll and GRIDMAP_BENCH_DB (./gridmap bench sets both)");
            return 2;
        }

        var r = await new LiveBenchmark(web, cluster, loggerFactory).RunAsync(settings!, cancellationToken);
        Console.WriteLine($"consoles={r.Consoles} senders={settings!.Senders} batch={settings.BatchSize} target={settings.Rate}/s " +
                          $"warm-up={settings.WarmUp.TotalSeconds:0} s measured={settings.Duration.TotalSeconds:0} s");
        Console.WriteLine($"positions: sent {r.Sent}, acknowledged {r.Acknowledged}, rejected {r.Rejected}, busy (503) {r.Busy}, errors {r.Errors}; " +
                          $"stored {r.StoredOfAcknowledged} of the acknowledged (lost {r.Lost}), {r.StoredTotal} rows in officer_position");
        Console.WriteLine($"sustained: {r.AcceptedInWindow} positions sent in the measured window acknowledged within {F(r.WindowSeconds)} s = {F(r.PositionsPerSecond)} positions/s " +
                          $"(each device every {F(settings.BatchSize * (double)r.Devices / settings.Rate)} s at the target rate)");
        Console.WriteLine($"cpu during the window: machine {F(r.MachineBusy * 100)} % busy of {Environment.ProcessorCount} cores, this benchmark process {F(r.BenchCpuShare * 100)} % of the machine");
        Console.WriteLine($"delivered: {r.DeliveredPairs} (position, console) pairs of the measured positions, {r.DistinctDelivered} distinct positions; " +
                          $"{r.SupersededPairs} pairs superseded by coalescing (a newer position of the officer went instead); " +
                          $"latest position missing at a console: {r.FinalMissing}; items not sent by the benchmark: {r.ForeignItems}");
        Console.WriteLine($"latency request sent -> console: p50 {F(r.P50)} ms, p90 {F(r.P90)} ms, p99 {F(r.P99)} ms, max {F(r.Max)} ms");
        foreach (var b in new[] { r.SingleRow, r.MultiRow, r.CopyWriter })
        {
            Console.WriteLine($"baseline {b.Method}: {b.Positions} positions in {F(b.Seconds)} s = {F(b.PerSecond)} positions/s{(b.Capped ? " (stopped at the time limit)" : "")}");
        }

        Console.WriteLine($"load average before: {r.LoadBefore}; after: {r.LoadAfter}");
        foreach (var failure in r.ConsoleFailures)
        {
            Console.WriteLine($"console failure: {failure}");
        }

        Console.WriteLine(
            $"RESULT positions_per_s={F0(r.PositionsPerSecond)} p50_ms={F(r.P50)} p99_ms={F(r.P99)} consoles={r.Consoles} lost={r.Lost} " +
            $"insert_baseline_per_s={F0(r.SingleRow.PerSecond)}");
        return 0;
    }

    internal static (Settings? Settings, string? Web, string? Error) ParseArguments(IReadOnlyList<string> args) =>
        BenchArguments.Parse(args, new Settings(), static (settings, o) => o.Flag switch
        {
            "--consoles" => settings with { Consoles = o.Int(0, 1000) },
            "--senders" => settings with { Senders = o.Int(1, 512) },
            "--batch" => settings with { BatchSize = o.Int(1, 1000) },
            "--rate" => settings with { Rate = o.Int(1, 1_000_000) },
            "--warmup" => settings with { WarmUp = TimeSpan.FromSeconds(o.Int(0, 600)) },
            "--duration" => settings with { Duration = TimeSpan.FromSeconds(o.Int(1, 600)) },
            "--baseline-limit" => settings with { BaselineLimit = TimeSpan.FromSeconds(o.Int(1, 600)) },
            "--seed" => settings with { Seed = o.Int(int.MinValue, int.MaxValue) },
            _ => throw new FormatException(
                $"unknown option '{o.Flag}' (bench live: --web PATH --consoles N --senders N --batch N --rate N --warmup S --duration S --baseline-limit S --seed N)"),
        });

    public async Task<Result> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage();
        var connectionString = await PrepareDatabaseAsync(cancellationToken);
        await using var dataSource = GridMapDataSource.Create(connectionString);
        var devices = await PrepareDevicesAsync(dataSource, settings.Seed, cancellationToken);
        var viewport = await DistrictExtentAsync(dataSource, cancellationToken);
        _logger.LogInformation("{Devices} devices with demo tokens; district viewport {Viewport}", devices.Count, viewport);

        var capacity = (int)Math.Min(int.MaxValue - 1, (long)(settings.Rate * (settings.WarmUp + settings.Duration + TimeSpan.FromSeconds(5)).TotalSeconds * 1.2)
                                                         + (long)settings.Senders * settings.BatchSize);
        var ledger = new PositionLedger(capacity);
        var consoles = new List<ConsoleTracker>();
        SendStats stats;
        long warmEnd, end;
        (double Machine, double Bench) cpuUse;
        await using (var server = await WebProcess.StartAsync(webDll, connectionString, cancellationToken,
                         new Dictionary<string, string> { ["Patrol__OsmAndPort"] = "0" }))
        {
            using var control = new HttpClient { BaseAddress = server.BaseAddress, Timeout = s_requestTimeout };
            var token = await UserTokenAsync(control, cancellationToken);
            try
            {
                for (var i = 0; i < settings.Consoles; i++)
                {
                    var tracker = new ConsoleTracker(ledger);
                    tracker.Client = await SignalRConsoleClient.ConnectAsync(new Uri(server.BaseAddress, "hubs/live"), token, tracker.OnPositions, cancellationToken);
                    await tracker.Client.InvokeAsync("SetViewport", [viewport.MinLon, viewport.MinLat, viewport.MaxLon, viewport.MaxLat],
                        TimeSpan.FromSeconds(10), cancellationToken);
                    consoles.Add(tracker);
                }

                _logger.LogInformation("{Consoles} consoles attached; driving {Rate} positions/s ({Senders} senders, {Batch} per request) for {WarmUp} s + {Duration} s",
                    consoles.Count, settings.Rate, settings.Senders, settings.BatchSize, settings.WarmUp.TotalSeconds, settings.Duration.TotalSeconds);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // the consoles' snapshots go out first

                using var handler = new SocketsHttpHandler
                {
                    MaxConnectionsPerServer = settings.Senders,
                    UseProxy = false,
                    AutomaticDecompression = DecompressionMethods.None,
                };
                using var ingest = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = s_requestTimeout };
                var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
                warmEnd = start + (long)(settings.WarmUp.TotalSeconds * Stopwatch.Frequency);
                end = warmEnd + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
                foreach (var console in consoles)
                {
                    console.Window = (warmEnd, end);
                }

                var cpu = MeasureCpuAsync(warmEnd, end, cancellationToken);
                stats = await DriveAsync(ingest, devices, ledger, settings, start, end, cancellationToken);
                cpuUse = await cpu;
                _logger.LogInformation("Ingest done: {Acked} of {Sent} acknowledged; settling {Settle} s", stats.Acked, stats.Sent, settings.Settle.TotalSeconds);
                await Task.Delay(settings.Settle, cancellationToken);
            }
            finally
            {
                foreach (var console in consoles)
                {
                    if (console.Client is not null)
                    {
                        await console.Client.DisposeAsync();
                    }
                }
            }
        }

        var (storedOfAcked, storedTotal) = await CountStoredAsync(dataSource, ledger, devices, cancellationToken);

        // Deliveries and latency of the positions sent in the measured window.
        var latencies = consoles.SelectMany(c => c.Latencies).ToList();
        latencies.Sort();
        // Sustained rate: the positions sent in the measured window over the time from the
        // window's start to the last acknowledgement of them. A server that keeps up acknowledges
        // them within the window; one that falls behind stretches the time (a backlog left over
        // from the warm-up shows as fewer sends in the window, not as extra acknowledgements).
        var inWindow = ledger.Indexes().Where(i => ledger.SendStamp(i) >= warmEnd && ledger.SendStamp(i) < end).ToList();
        var ackedInWindow = inWindow.Count(ledger.IsAcked);
        var lastAck = inWindow.Where(ledger.IsAcked).Select(ledger.AckStamp).DefaultIfEmpty(end).Max();
        var windowSeconds = Math.Max(settings.Duration.TotalSeconds, (double)(lastAck - warmEnd) / Stopwatch.Frequency);
        var deliveredPairs = consoles.Sum(c => c.DeliveredInWindow);
        var distinct = inWindow.Count(i => ledger.Deliveries(i) > 0);
        var superseded = (long)ackedInWindow * consoles.Count - deliveredPairs;
        var finalMissing = FinalMissing(ledger, consoles);

        var positions = Math.Max(1, ackedInWindow);
        _logger.LogInformation("INSERT baselines: {Positions} positions, {Connections} connections", positions, settings.Senders);
        var single = await InsertBaselineAsync(connectionString, devices, positions, 1, settings, cancellationToken);
        var multi = await InsertBaselineAsync(connectionString, devices, positions, settings.BatchSize, settings, cancellationToken);
        var copy = await CopyWriterAsync(connectionString, devices, positions, settings, cancellationToken);

        return new Result(
            consoles.Count, stats.Sent, stats.Acked, stats.Rejected, stats.Busy, stats.Errors, storedOfAcked, storedTotal,
            ackedInWindow, windowSeconds, deliveredPairs, distinct, superseded, finalMissing,
            consoles.Sum(c => c.Foreign),
            Percentile(latencies, 50), Percentile(latencies, 90), Percentile(latencies, 99), latencies.Count > 0 ? latencies[^1] : 0,
            single, multi, loadBefore, LoadAverage(),
            consoles.Where(c => c.Client?.Failure is not null).Select(c => c.Client!.Failure!).Distinct().ToList(),
            devices.Count, cpuUse.Machine, cpuUse.Bench, copy);
    }

    /// <summary>
    /// The server's storage path alone, for comparison with the INSERT baselines: the same
    /// number of positions through <see cref="PositionWriter"/> (binary COPY into the staging
    /// table, INSERT … SELECT … ON CONFLICT DO NOTHING, upsert of officer_latest, synchronous
    /// commit) on one connection, as the web process's single writer does, in transactions of
    /// <see cref="CopyBatch"/> positions.
    /// </summary>
    private async Task<BaselineResult> CopyWriterAsync(
        string connectionString, IReadOnlyList<BenchDevice> devices, long positions, Settings settings, CancellationToken cancellationToken)
    {
        await using var dataSource = GridMapDataSource.Create(connectionString);
        await using var writer = new PositionWriter(dataSource);
        var watch = Stopwatch.StartNew();
        long written = 0;
        var k = 0;
        while (written < positions && watch.Elapsed < settings.BaselineLimit && !cancellationToken.IsCancellationRequested)
        {
            var batch = new List<StagedPosition>(CopyBatch);
            var receivedAt = DateTimeOffset.UtcNow;
            while (batch.Count < CopyBatch && written + batch.Count < positions)
            {
                var device = devices[k++ % devices.Count];
                var count = Math.Min(settings.BatchSize, CopyBatch - batch.Count);
                var first = ReserveTimes(device, count, out var cursor);
                for (var r = 0; r < count; r++)
                {
                    var fix = device.Path[(cursor + r) % device.Path.Length];
                    batch.Add(new StagedPosition(
                        new Domain.Patrol.OfficerPosition(device.Device.OfficerId, device.Device.DeviceId,
                            new DateTimeOffset(first + r * 10L, TimeSpan.Zero), fix.Lat, fix.Lon, fix.Speed, fix.Heading, null, 5, fix.Battery),
                        receivedAt));
                }
            }

            await writer.WriteAsync(batch, cancellationToken);
            written += batch.Count;
        }

        return new BaselineResult($"the COPY writer alone (PositionWriter, 1 connection, {CopyBatch} positions per transaction, with the officer_latest upsert)",
            written, watch.Elapsed.TotalSeconds, written < positions);
    }

    /// <summary>
    /// Over the measured window: the share of the machine's CPU time that was busy (/proc/stat,
    /// every process: web, PostgreSQL, this benchmark and whatever else runs), and the share this
    /// benchmark process used, so a figure taken on a saturated machine says so.
    /// </summary>
    internal static async Task<(double Machine, double Bench)> MeasureCpuAsync(long from, long to, CancellationToken cancellationToken)
    {
        static async Task Until(long stamp, CancellationToken cancellationToken)
        {
            var wait = stamp - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
            }
        }

        static (long Busy, long Total) Machine()
        {
            try
            {
                // "cpu  user nice system idle iowait irq softirq steal …" in clock ticks.
                var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                var idle = fields[3] + fields[4];
                return (fields.Sum() - idle, fields.Sum());
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                return (0, 0);
            }
        }

        await Until(from, cancellationToken);
        var (busy0, total0) = Machine();
        var bench0 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall0 = Stopwatch.GetTimestamp();
        await Until(to, cancellationToken);
        var (busy1, total1) = Machine();
        var bench1 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = (double)(Stopwatch.GetTimestamp() - wall0) / Stopwatch.Frequency;
        var machine = total1 > total0 ? (double)(busy1 - busy0) / (total1 - total0) : 0;
        return (machine, (bench1 - bench0).TotalSeconds / (wall * Environment.ProcessorCount));
    }

    private sealed record SendStats(long Sent, long Acked, long Rejected, long Busy, long Errors);

    /// <summary>
    /// Open loop at the target rate: request k is due at start + k·(batch/rate); each of the
    /// senders takes the next due request, waits for its moment (or goes at once when behind) and
    /// sends one device's batch. Ends at <paramref name="end"/> (bounded in time and count).
    /// </summary>
    private async Task<SendStats> DriveAsync(
        HttpClient http, IReadOnlyList<BenchDevice> devices, PositionLedger ledger, Settings settings, long start, long end, CancellationToken cancellationToken)
    {
        var period = (double)Stopwatch.Frequency * settings.BatchSize / settings.Rate;
        long next = -1, sent = 0, acked = 0, rejected = 0, busy = 0, errors = 0;

        async Task SenderAsync()
        {
            var body = new ArrayBufferWriter<byte>(settings.BatchSize * 200 + 64);
            var indexes = new int[settings.BatchSize];
            while (!cancellationToken.IsCancellationRequested)
            {
                var k = Interlocked.Increment(ref next);
                var due = start + (long)(k * period);
                if (due >= end)
                {
                    return;
                }

                var wait = due - Stopwatch.GetTimestamp();
                if (wait > Stopwatch.Frequency / 1000)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
                }

                var device = devices[(int)(k % devices.Count)];
                var firstTicks = ReserveTimes(device, settings.BatchSize, out var cursor);
                body.ResetWrittenCount();
                WriteBatch(body, device, firstTicks, cursor, settings.BatchSize);

                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/positions") { Content = new ReadOnlyMemoryContent(body.WrittenMemory) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Device.Token);
                var stamp = Stopwatch.GetTimestamp();
                for (var i = 0; i < settings.BatchSize; i++)
                {
                    indexes[i] = ledger.Register(device, firstTicks + i * 10, stamp);
                }

                Interlocked.Add(ref sent, settings.BatchSize);
                try
                {
                    using var response = await http.SendAsync(request, cancellationToken);
                    var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    var ackStamp = Stopwatch.GetTimestamp();
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Add(ref busy, settings.BatchSize);
                        continue;
                    }

                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Add(ref errors, settings.BatchSize);
                        continue;
                    }

                    var refused = RejectedIndexes(answer);
                    for (var i = 0; i < settings.BatchSize; i++)
                    {
                        if (!refused.Contains(i))
                        {
                            ledger.Acknowledge(indexes[i], ackStamp);
                        }
                    }

                    Interlocked.Add(ref acked, settings.BatchSize - refused.Count);
                    Interlocked.Add(ref rejected, refused.Count);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Add(ref errors, settings.BatchSize);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Senders).Select(_ => Task.Run(SenderAsync, cancellationToken)));
        return new SendStats(sent, acked, rejected, busy, errors);
    }

    /// <summary>Times for a batch of one device: microseconds apart, after the device's last one, near now.</summary>
    private static long ReserveTimes(BenchDevice device, int count, out int cursor)
    {
        lock (device)
        {
            var now = DateTime.UtcNow.Ticks;
            now -= now % 10; // PostgreSQL keeps microseconds
            var first = Math.Max(now, device.LastTicks + 10);
            device.LastTicks = first + (count - 1) * 10L;
            cursor = device.Cursor;
            device.Cursor = (device.Cursor + count) % device.Path.Length;
            return first;
        }
    }

    private static void WriteBatch(ArrayBufferWriter<byte> body, BenchDevice device, long firstTicks, int cursor, int count)
    {
        using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteStartArray("positions");
        for (var i = 0; i < count; i++)
        {
            var fix = device.Path[(cursor + i) % device.Path.Length];
            json.WriteStartObject();
            json.WriteString("time", new DateTime(firstTicks + i * 10L, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteNumber("lat", fix.Lat);
            json.WriteNumber("lon", fix.Lon);
            json.WriteNumber("speed", fix.Speed);
            json.WriteNumber("heading", fix.Heading);
            json.WriteNumber("accuracy", 5);
            json.WriteNumber("battery", fix.Battery);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static HashSet<int> RejectedIndexes(byte[] answer)
    {
        var refused = new HashSet<int>();
        using var document = JsonDocument.Parse(answer);
        if (document.RootElement.TryGetProperty("rejected", out var rejected))
        {
            foreach (var item in rejected.EnumerateArray())
            {
                refused.Add(item.GetProperty("index").GetInt32());
            }
        }

        return refused;
    }

    /// <summary>(console, officer) pairs whose console never got the officer's last acknowledged position.</summary>
    private static long FinalMissing(PositionLedger ledger, IReadOnlyList<ConsoleTracker> consoles)
    {
        var newest = new Dictionary<long, long>();
        foreach (var i in ledger.Indexes())
        {
            if (ledger.IsAcked(i))
            {
                var (officer, ticks) = ledger.Key(i);
                if (!newest.TryGetValue(officer, out var held) || ticks > held)
                {
                    newest[officer] = ticks;
                }
            }
        }

        return consoles.Sum(c => newest.Count(n => !c.Newest.TryGetValue(n.Key, out var got) || got < n.Value));
    }

    /// <summary>The demo district in the bench cluster (generated once and kept), with an empty position table.</summary>
    private async Task<string> PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = Database }.ConnectionString;
        var admin = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", Database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await ToolCommands.MigrateAsync(connectionString, loggerFactory, cancellationToken);
        if (await GenerateCommand.RunAsync(["--scale", "demo", "--if-empty"], connectionString, loggerFactory, cancellationToken) != 0
            || await DemoAccountsCommand.RunAsync([], connectionString, loggerFactory, cancellationToken) != 0
            || await DevicesCommand.RunAsync(["--quiet"], connectionString, loggerFactory, cancellationToken) != 0)
        {
            throw new InvalidOperationException("could not prepare the demo district");
        }

        // Each run starts from an empty position table, so runs compare and the count after the run is this run's.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var truncate = new NpgsqlCommand(
                """
                TRUNCATE officer_position, officer_latest;
                SELECT officer_position_ensure_partition(d::date)
                FROM generate_series((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 1, interval '1 day') AS d;
                """, connection);
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        return connectionString;
    }

    /// <summary>The demo devices (with their demo tokens) and a walk of each along the roads of its grid.</summary>
    private static async Task<IReadOnlyList<BenchDevice>> PrepareDevicesAsync(NpgsqlDataSource dataSource, int seed, CancellationToken cancellationToken)
    {
        var devices = (await PatrolWorld.LoadDevicesAsync(dataSource, DemoAccountsCommand.Password, cancellationToken))
            .Where(d => d.Token is not null)
            .ToList();
        if (devices.Count == 0)
        {
            throw new InvalidOperationException("no demo device has its demo token");
        }

        var areas = await PatrolWorld.LoadAreasAsync(dataSource, devices.Select(d => d.GridCode).ToList(), cancellationToken);
        return devices.Select(d =>
        {
            var walker = new OfficerWalker(areas[d.GridCode], seed, d.OfficerId, strays: false, TimeSpan.FromSeconds(1));
            var path = new BenchFix[PathLength];
            for (var i = 0; i < path.Length; i++)
            {
                var fix = walker.Step(TimeSpan.FromSeconds(1));
                path[i] = new BenchFix(Math.Round(fix.Lat, 7), Math.Round(fix.Lon, 7), Math.Round(fix.SpeedMps, 2), Math.Round(fix.Heading, 1), Math.Round(fix.Battery));
            }

            return new BenchDevice(d, path);
        }).ToList();
    }

    private static async Task<Domain.Live.GeoBox> DistrictExtentAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(boundary) AS e FROM grid WHERE valid_to IS NULL) x");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Domain.Live.GeoBox(reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
    }

    private static async Task<string> UserTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/v1/auth/token", new { username = "command", password = DemoAccountsCommand.Password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>How many acknowledged positions are in officer_position (exact keys), and how many rows it holds.</summary>
    private static async Task<(long StoredOfAcked, long Total)> CountStoredAsync(
        NpgsqlDataSource dataSource, PositionLedger ledger, IReadOnlyList<BenchDevice> devices, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bench_acked (device_id text NOT NULL, time timestamptz NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_acked (device_id, time) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var i in ledger.Indexes())
            {
                if (ledger.IsAcked(i))
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(ledger.DeviceOf(i).Device.DeviceId, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(new DateTime(ledger.Key(i).Ticks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var count = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM bench_acked k JOIN officer_position p ON p.device_id = k.device_id AND p.time = k.time),
                   (SELECT count(*) FROM officer_position)
            """, connection);
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The baseline: <paramref name="positions"/> positions of the same devices and paths written
    /// straight into officer_position by <see cref="Settings.Senders"/> connections, each statement
    /// its own transaction (autocommit, synchronous commit as the server is configured):
    /// <paramref name="rowsPerStatement"/> = 1 is one INSERT … ON CONFLICT DO NOTHING per position,
    /// more is a multi-row INSERT of that many. Statements are prepared (Npgsql auto-prepare).
    /// </summary>
    private async Task<BaselineResult> InsertBaselineAsync(
        string connectionString, IReadOnlyList<BenchDevice> devices, long positions, int rowsPerStatement, Settings settings, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = settings.Senders + 4, MaxAutoPrepare = 8, ApplicationName = "bench-insert" };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var values = string.Join(", ", Enumerable.Range(0, rowsPerStatement).Select(r =>
            "(" + string.Join(", ", Enumerable.Range(0, 10).Select(c => $"${r * 10 + c + 1}")) + ", now())"));
        var sql = "INSERT INTO officer_position (device_id, officer_id, time, lat, lon, speed_mps, heading, altitude, accuracy, battery, received_at) VALUES "
                  + values + " ON CONFLICT (device_id, time) DO NOTHING";
        var statements = (positions + rowsPerStatement - 1) / rowsPerStatement;
        long next = -1, written = 0;
        var watch = Stopwatch.StartNew();
        var limit = settings.BaselineLimit;

        async Task WriterAsync()
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            for (var p = 0; p < rowsPerStatement * 10; p++)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = (p % 10) switch
                {
                    0 => NpgsqlDbType.Text,
                    1 => NpgsqlDbType.Bigint,
                    2 => NpgsqlDbType.TimestampTz,
                    3 or 4 => NpgsqlDbType.Double,
                    _ => NpgsqlDbType.Real,
                } });
            }

            while (!cancellationToken.IsCancellationRequested && watch.Elapsed < limit)
            {
                var k = Interlocked.Increment(ref next);
                if (k >= statements)
                {
                    return;
                }

                var device = devices[(int)(k % devices.Count)];
                var first = ReserveTimes(device, rowsPerStatement, out var cursor);
                for (var r = 0; r < rowsPerStatement; r++)
                {
                    var fix = device.Path[(cursor + r) % device.Path.Length];
                    var at = r * 10;
                    command.Parameters[at].Value = device.Device.DeviceId;
                    command.Parameters[at + 1].Value = device.Device.OfficerId;
                    command.Parameters[at + 2].Value = new DateTime(first + r * 10L, DateTimeKind.Utc);
                    command.Parameters[at + 3].Value = fix.Lat;
                    command.Parameters[at + 4].Value = fix.Lon;
                    command.Parameters[at + 5].Value = (float)fix.Speed;
                    command.Parameters[at + 6].Value = (float)fix.Heading;
                    command.Parameters[at + 7].Value = DBNull.Value;
                    command.Parameters[at + 8].Value = 5f;
                    command.Parameters[at + 9].Value = (float)fix.Battery;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                Interlocked.Add(ref written, rowsPerStatement);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Senders).Select(_ => Task.Run(WriterAsync, cancellationToken)));
        var seconds = watch.Elapsed.TotalSeconds;
        var method = rowsPerStatement == 1
            ? "one INSERT … ON CONFLICT DO NOTHING per position (autocommit)"
            : $"multi-row INSERT … ON CONFLICT DO NOTHING of {rowsPerStatement} positions per statement (autocommit)";
        return new BaselineResult($"{method}, {settings.Senders} connections", written, seconds, written < positions);
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static string F0(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Every position sent: its key (officer, time ticks), device, send and acknowledgement
    /// moments (<see cref="Stopwatch"/> ticks) and how many consoles got it. Fixed capacity
    /// (bounded memory); registration and delivery counting are lock-free.
    /// </summary>
    private sealed class PositionLedger(int capacity)
    {
        private readonly ConcurrentDictionary<(long Officer, long Ticks), int> _index = new(Environment.ProcessorCount * 4, capacity);
        private readonly (long Officer, long Ticks)[] _keys = new (long, long)[capacity];
        private readonly BenchDevice?[] _devices = new BenchDevice?[capacity];
        private readonly long[] _sent = new long[capacity];
        private readonly long[] _acked = new long[capacity];
        private readonly int[] _deliveries = new int[capacity];
        private int _count;

        public int Count => Math.Min(Volatile.Read(ref _count), capacity);

        public IEnumerable<int> Indexes() => Enumerable.Range(0, Count);

        /// <summary>The position's index, or -1 when the ledger is full (the position is then not followed).</summary>
        public int Register(BenchDevice device, long ticks, long sendStamp)
        {
            var i = Interlocked.Increment(ref _count) - 1;
            if (i >= capacity)
            {
                return -1;
            }

            _keys[i] = (device.Device.OfficerId, ticks);
            _devices[i] = device;
            _sent[i] = sendStamp;
            _index[_keys[i]] = i;
            return i;
        }

        public void Acknowledge(int i, long stamp)
        {
            if (i >= 0)
            {
                _acked[i] = stamp;
            }
        }

        public int Find(long officer, long ticks) => _index.TryGetValue((officer, ticks), out var i) ? i : -1;

        public void Delivered(int i) => Interlocked.Increment(ref _deliveries[i]);

        public (long Officer, long Ticks) Key(int i) => _keys[i];

        public BenchDevice DeviceOf(int i) => _devices[i]!;

        public long SendStamp(int i) => _sent[i];

        public long AckStamp(int i) => _acked[i];

        public bool IsAcked(int i) => _acked[i] != 0;

        public int Deliveries(int i) => _deliveries[i];
    }

    /// <summary>One console's view: latencies of the measured positions it got, and the newest time per officer.</summary>
    private sealed class ConsoleTracker(PositionLedger ledger)
    {
        public SignalRConsoleClient? Client { get; set; }

        public (long From, long To) Window { get; set; } = (long.MaxValue, long.MaxValue);

        public List<double> Latencies { get; } = [];

        public Dictionary<long, long> Newest { get; } = [];

        public long DeliveredInWindow { get; private set; }

        public long Foreign { get; private set; }

        /// <summary>The client calls this for one console's messages one at a time, so its own fields need no lock.</summary>
        public void OnPositions(IReadOnlyList<ReceivedPosition> positions, long arrived)
        {
            var (from, to) = Window;
            foreach (var p in positions)
            {
                var ticks = p.Time.UtcTicks;
                if (!Newest.TryGetValue(p.OfficerId, out var held) || ticks > held)
                {
                    Newest[p.OfficerId] = ticks;
                }

                var i = ledger.Find(p.OfficerId, ticks);
                if (i < 0)
                {
                    Foreign++; // the snapshot of what was there before, or not ours
                    continue;
                }

                ledger.Delivered(i);
                var sent = ledger.SendStamp(i);
                if (sent >= from && sent < to)
                {
                    DeliveredInWindow++;
                    Latencies.Add((arrived - sent) * 1000.0 / Stopwatch.Frequency);
                }
            }
        }
    }
}
