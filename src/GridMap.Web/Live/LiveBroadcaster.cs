using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Live;

/// <summary>
/// Reads committed positions from <see cref="PositionFeed"/>, keeps the latest per officer and
/// drops each into the outbox of every console that may see the officer and is looking at where
/// the officer is. Nothing here awaits a console (see <see cref="ConsoleSession"/>).
/// </summary>
public sealed class LiveBroadcaster : BackgroundService
{
    private readonly System.Threading.Channels.ChannelReader<IReadOnlyList<OfficerPosition>> _feed;
    private readonly GridMap.Data.Live.LiveRepository _repository;
    private readonly LiveOfficerTracker _tracker;
    private readonly OfficerDirectory _directory;
    private readonly ConsoleSessions _sessions;
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveBroadcaster> _logger;

    public LiveBroadcaster(
        PositionFeed feed,
        GridMap.Data.Live.LiveRepository repository,
        LiveOfficerTracker tracker,
        OfficerDirectory directory,
        ConsoleSessions sessions,
        IOptions<LiveOptions> options,
        TimeProvider time,
        ILogger<LiveBroadcaster> logger)
    {
        // Subscribed when constructed (at host start), so no batch published later is missed.
        _feed = feed.Subscribe();
        _repository = repository;
        _tracker = tracker;
        _directory = directory;
        _sessions = sessions;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Where everyone was when the process stopped, from ingest's officer_latest.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            var latest = await _repository.LoadLatestAsync(now - _options.ShowSilentFor, cancellationToken);
            foreach (var position in latest)
            {
                _tracker.TryUpdate(position, LiveStates.Classify(position.Time, now, _options.StaleAfter, _options.OfflineAfter));
            }

            _logger.LogInformation("Live layer: {Count} latest positions read back", latest.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Consoles then start empty and fill up as officers report.
            _logger.LogWarning(ex, "Could not read the latest positions back");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in _feed.ReadAllAsync(stoppingToken))
        {
            try
            {
                Broadcast(batch);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Could not broadcast a batch of {Count} positions", batch.Count);
            }
        }
    }

    /// <summary>One batch: the newest position per officer, then the fan-out.</summary>
    internal void Broadcast(IReadOnlyList<OfficerPosition> batch)
    {
        var newest = new Dictionary<long, OfficerPosition>();
        foreach (var position in batch)
        {
            if (!newest.TryGetValue(position.OfficerId, out var held) || position.Time > held.Time)
            {
                newest[position.OfficerId] = position;
            }
        }

        var now = _time.GetUtcNow();
        var sessions = _sessions.Current;
        foreach (var position in newest.Values)
        {
            var state = LiveStates.Classify(position.Time, now, _options.StaleAfter, _options.OfflineAfter);
            if (!_tracker.TryUpdate(position, state))
            {
                continue; // older than what consoles already have
            }

            if (sessions.Count == 0 || _directory.Find(position.OfficerId) is not { } officer)
            {
                continue;
            }

            LivePositionMessage? message = null;
            foreach (var session in sessions)
            {
                if (session.MaySee(officer) && session.InView(position.Lon, position.Lat))
                {
                    message ??= LivePositionMessage.From(position, officer, state);
                    session.OfferPosition(message);
                }
            }
        }
    }
}

/// <summary>Turns officers stale and offline as time passes without reports, and tells the consoles that may see them.</summary>
public sealed class LiveStateSweeper(
    LiveOfficerTracker tracker,
    OfficerDirectory directory,
    ConsoleSessions sessions,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<LiveStateSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.StateSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                SweepOnce();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The live state sweep failed");
            }
        }
    }

    internal void SweepOnce()
    {
        var settings = options.Value;
        var changed = tracker.Sweep(time.GetUtcNow(), settings.StaleAfter, settings.OfflineAfter);
        if (changed.Count == 0)
        {
            return;
        }

        var current = sessions.Current;
        foreach (var live in changed)
        {
            if (directory.Find(live.Position.OfficerId) is not { } officer)
            {
                continue;
            }

            var message = new LiveStateMessage(live.Position.OfficerId, live.State.ToCode(), live.Position.Time);
            foreach (var session in current)
            {
                if (session.MaySee(officer))
                {
                    session.OfferState(message);
                }
            }
        }
    }
}
