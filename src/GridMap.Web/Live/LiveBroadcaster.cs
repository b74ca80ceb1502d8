using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Live;

/// <summary>
/// Reads committed positions from <see cref="PositionFeed"/> and drops the newest of each officer
/// into the outbox of every console that may see the officer and is looking at where the officer
/// is. Ingest has already recorded them in <see cref="LiveOfficerTracker"/>; a position it holds
/// a newer one for is not sent. Nothing here awaits a console (see <see cref="ConsoleSession"/>).
/// </summary>
public sealed class LiveBroadcaster : BackgroundService
{
    private readonly System.Threading.Channels.ChannelReader<IReadOnlyList<OfficerPosition>> _feed;
    private readonly LiveOfficerTracker _tracker;
    private readonly OfficerDirectory _directory;
    private readonly ConsoleSessions _sessions;
    private readonly ILogger<LiveBroadcaster> _logger;

    public LiveBroadcaster(
        PositionFeed feed,
        LiveOfficerTracker tracker,
        OfficerDirectory directory,
        ConsoleSessions sessions,
        ILogger<LiveBroadcaster> logger)
    {
        // Subscribed when constructed (at host start), so no batch published later is missed.
        _feed = feed.Subscribe();
        _tracker = tracker;
        _directory = directory;
        _sessions = sessions;
        _logger = logger;
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

        var sessions = _sessions.Current;
        foreach (var position in newest.Values)
        {
            if (_tracker.IsSuperseded(position))
            {
                continue; // older than what consoles already have, or have coming
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
                    message ??= LivePositionMessage.From(position, officer, _tracker.StateOf(position.Time));
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
        using var timer = new PeriodicTimer(options.Value.StateSweepInterval, time);
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
        var changed = tracker.Sweep();
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
