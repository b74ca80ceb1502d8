using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Simulation;

/// <summary>One simulated officer: the device, how the phone reports, and the walker.</summary>
public sealed class SimulatedOfficer(PatrolDevice device, ReportProtocol protocol, OfficerWalker walker)
{
    public PatrolDevice Device { get; } = device;

    public ReportProtocol Protocol { get; } = protocol;

    public OfficerWalker Walker { get; } = walker;

    /// <summary>The time of the last report; the next one is later, so (device, time) stays unique.</summary>
    internal DateTimeOffset? LastTime { get; set; }
}

/// <summary>Counts of one period (a minute, or the whole run).</summary>
public sealed record SimulationCounts(long Sent, long OsmAnd, long Batch, long Accepted, long Rejected, long Failed);

/// <summary>Thread-safe counters: the senders add, the scheduler reads and resets each minute.</summary>
internal sealed class SimulationCounters
{
    private long _sent, _osmAnd, _batch, _accepted, _rejected, _failed;

    public void Sent(ReportProtocol protocol)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref protocol == ReportProtocol.OsmAnd ? ref _osmAnd : ref _batch);
    }

    public void Completed(ReportOutcome outcome)
    {
        switch (outcome)
        {
            case ReportOutcome.Accepted:
                Interlocked.Increment(ref _accepted);
                break;
            case ReportOutcome.Rejected:
                Interlocked.Increment(ref _rejected);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }
    }

    public SimulationCounts Take() => new(
        Interlocked.Exchange(ref _sent, 0), Interlocked.Exchange(ref _osmAnd, 0), Interlocked.Exchange(ref _batch, 0),
        Interlocked.Exchange(ref _accepted, 0), Interlocked.Exchange(ref _rejected, 0), Interlocked.Exchange(ref _failed, 0));
}

/// <summary>
/// Runs the officers in real time: each reports every <see cref="SimulationOptions.Interval"/>,
/// the officers spread evenly over the interval so the console gets a steady stream rather than
/// a burst; the walkers are stepped in order by this one loop (deterministic), the HTTP requests
/// run concurrently (at most <see cref="SimulationOptions.Concurrency"/>). A summary is logged
/// every minute. Cancelling stops the schedule; requests in flight get a few seconds to finish.
/// </summary>
public sealed class PatrolSimulator
{
    private static readonly TimeSpan s_summaryEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_drainGrace = TimeSpan.FromSeconds(10);

    private readonly SimulationOptions _options;
    private readonly PositionReporter _reporter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SimulationCounters _minute = new();
    private readonly List<SimulationCounts> _minutes = [];

    public PatrolSimulator(PatrolWorld world, SimulationOptions options, HttpClient http, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _reporter = new PositionReporter(http, logger);
        Officers = Plan(world, options);
    }

    public IReadOnlyList<SimulatedOfficer> Officers { get; }

    /// <summary>
    /// Who reports how, and who strays: the first share of the (already seed-shuffled) officers
    /// speak OsmAnd, as do devices whose token is not known; strays are drawn with the seed.
    /// </summary>
    public static IReadOnlyList<SimulatedOfficer> Plan(PatrolWorld world, SimulationOptions options)
    {
        var count = world.Devices.Count;
        var osmAnd = (int)Math.Round(count * options.OsmAndShare, MidpointRounding.AwayFromZero);
        var strays = (int)Math.Round(count * options.StrayShare, MidpointRounding.AwayFromZero);
        var order = Enumerable.Range(0, count).ToArray();
        new Random(options.Seed ^ 0x5EED).Shuffle(order);
        var straying = order.Take(strays).ToHashSet();
        return world.Devices.Select((device, i) =>
        {
            var protocol = i < osmAnd || device.Token is null ? ReportProtocol.OsmAnd : ReportProtocol.Batch;
            var walker = new OfficerWalker(world.Areas[device.GridCode], options.Seed, device.OfficerId, straying.Contains(i), options.Interval);
            return new SimulatedOfficer(device, protocol, walker);
        }).ToList();
    }

    /// <summary>The counts of each full minute so far (and of the last, partial one once the run ended).</summary>
    public IReadOnlyList<SimulationCounts> Minutes => _minutes;

    public async Task<SimulationCounts> RunAsync(CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var interval = _options.Interval;
        var due = new PriorityQueue<int, TimeSpan>();
        for (var i = 0; i < Officers.Count; i++)
        {
            due.Enqueue(i, interval * i / Officers.Count);
        }

        using var gate = new SemaphoreSlim(_options.Concurrency);
        using var drain = new CancellationTokenSource();
        var inFlight = new List<Task>();
        var nextSummary = s_summaryEvery;
        var end = _options.Duration ?? TimeSpan.MaxValue;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = _time.GetElapsedTime(start);
                if (now >= nextSummary)
                {
                    Summarise(nextSummary, s_summaryEvery);
                    nextSummary += s_summaryEvery;
                }

                if (now >= end)
                {
                    break;
                }

                if (!due.TryPeek(out var index, out var at))
                {
                    break; // no officers
                }

                if (at > now)
                {
                    var wait = Min(at - now, nextSummary - now, end - now, TimeSpan.FromSeconds(1));
                    await Task.Delay(wait, _time, cancellationToken);
                    continue;
                }

                due.Dequeue();
                var officer = Officers[index];
                var (fix, time) = NextReport(officer);
                await gate.WaitAsync(cancellationToken);
                _minute.Sent(officer.Protocol);
                inFlight.Add(SendAsync(officer, fix, time, gate, drain.Token));
                if (inFlight.Count > 4 * _options.Concurrency)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                }

                // Behind by more than an interval (a slow console): skip ahead rather than burst.
                var next = at + interval;
                due.Enqueue(index, next < now - interval ? now + interval : next);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        drain.CancelAfter(s_drainGrace);
        try
        {
            await Task.WhenAll(inFlight);
        }
        catch (OperationCanceledException)
        {
        }

        var elapsed = _time.GetElapsedTime(start);
        var partial = elapsed - (nextSummary - s_summaryEvery);
        if (partial > TimeSpan.FromSeconds(1))
        {
            Summarise(elapsed, partial);
        }

        var total = new SimulationCounts(
            _minutes.Sum(m => m.Sent), _minutes.Sum(m => m.OsmAnd), _minutes.Sum(m => m.Batch),
            _minutes.Sum(m => m.Accepted), _minutes.Sum(m => m.Rejected), _minutes.Sum(m => m.Failed));
        _logger.LogInformation(
            "Simulation stopped after {Elapsed:hh\\:mm\\:ss}: sent {Sent} (OsmAnd {OsmAnd}, batch {Batch}), accepted {Accepted}, rejected {Rejected}, failed {Failed}",
            elapsed, total.Sent, total.OsmAnd, total.Batch, total.Accepted, total.Rejected, total.Failed);
        return total;
    }

    /// <summary>Steps the officer's walker to now and stamps the fix with a time later than the last one.</summary>
    private (WalkerFix Fix, DateTimeOffset Time) NextReport(SimulatedOfficer officer)
    {
        var now = _time.GetUtcNow();
        var elapsed = officer.LastTime is { } last ? now - last : TimeSpan.Zero;
        var fix = officer.Walker.Step(elapsed);
        // OsmAnd carries whole seconds (as Traccar Client sends them), the batch API milliseconds.
        var resolution = officer.Protocol == ReportProtocol.OsmAnd ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond;
        var time = new DateTimeOffset(now.UtcTicks - now.UtcTicks % resolution, TimeSpan.Zero);
        if (officer.LastTime is { } previous && time <= previous)
        {
            time = previous.AddTicks(resolution);
        }

        officer.LastTime = time;
        return (fix, time);
    }

    private async Task SendAsync(SimulatedOfficer officer, WalkerFix fix, DateTimeOffset time, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            _minute.Completed(await _reporter.SendAsync(officer.Protocol, officer.Device, fix, time, cancellationToken));
        }
        catch (OperationCanceledException)
        {
            _minute.Completed(ReportOutcome.Failed);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Summarise(TimeSpan at, TimeSpan period)
    {
        var counts = _minute.Take();
        _minutes.Add(counts);
        var outside = Officers.Count(o => o.Walker.Current.IsOutside);
        var stopped = Officers.Count(o => o.Walker.Current.IsStopped);
        _logger.LogInformation(
            "{At:hh\\:mm\\:ss} (last {Seconds:F0} s): sent {Sent} (OsmAnd {OsmAnd}, batch {Batch}), accepted {Accepted}, rejected {Rejected}, failed {Failed}; {Outside} out of their grid, {Stopped} stopped",
            at, period.TotalSeconds, counts.Sent, counts.OsmAnd, counts.Batch, counts.Accepted, counts.Rejected, counts.Failed, outside, stopped);
    }

    private static TimeSpan Min(params TimeSpan[] values) => values.Min();
}
