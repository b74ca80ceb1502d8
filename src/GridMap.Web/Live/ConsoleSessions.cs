using System.Collections.Concurrent;
using GridMap.Domain.Access;
using GridMap.Domain.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Live;

/// <summary>
/// The connected consoles. Scope is enforced here, per connection, rather than with SignalR
/// groups: a group can say "this village" but not "this village, in this viewport, at most once
/// a second per officer", and a per-connection outbox is what keeps a slow console from holding
/// up the others. The fan-out reads <see cref="Current"/>, an array swapped on connect and
/// disconnect, so it never locks or enumerates a changing collection.
/// </summary>
public sealed class ConsoleSessions(
    IHubContext<LiveHub> hub,
    LiveOfficerTracker tracker,
    OfficerDirectory directory,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<ConsoleSessions> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private ConsoleSession[] _current = [];

    public IReadOnlyList<ConsoleSession> Current => Volatile.Read(ref _current);

    public ConsoleSession? Find(string connectionId) => _running.TryGetValue(connectionId, out var r) ? r.Session : null;

    /// <summary>Registers a console and starts its sender loop.</summary>
    public ConsoleSession Open(string connectionId, string userName, GridScope scope)
    {
        var session = new ConsoleSession(connectionId, userName, scope, options.Value);
        var stop = new CancellationTokenSource();
        var client = hub.Clients.Client(connectionId);
        var loop = Task.Run(() => RunAsync(session, client, stop.Token));
        _running[connectionId] = new Running(session, stop, loop);
        lock (_gate)
        {
            _current = [.. _current, session];
        }

        logger.LogDebug("Console {Connection} of {User} connected (scope {Scope})", connectionId, userName, scope.CacheKey);
        return session;
    }

    public async Task CloseAsync(string connectionId)
    {
        if (!_running.TryRemove(connectionId, out var running))
        {
            return;
        }

        lock (_gate)
        {
            _current = _current.Where(s => !ReferenceEquals(s, running.Session)).ToArray();
        }

        await running.Stop.CancelAsync();
        await running.Loop;
        running.Stop.Dispose();
        logger.LogDebug("Console {Connection} disconnected", connectionId);
    }

    /// <summary>
    /// Queues the latest position of every officer the console may see in its viewport: the
    /// snapshot on connect and after a new viewport (officers that were out of view meanwhile
    /// were not sent to it).
    /// </summary>
    public int OfferSnapshot(ConsoleSession session)
    {
        var now = time.GetUtcNow();
        var showSilentFor = options.Value.ShowSilentFor;
        var count = 0;
        foreach (var live in tracker.Snapshot())
        {
            var p = live.Position;
            if (now - p.Time > showSilentFor || directory.Find(p.OfficerId) is not { } officer || !session.MaySee(officer) || !session.InView(p.Lon, p.Lat))
            {
                continue;
            }

            if (session.OfferIfUnsent(LivePositionMessage.From(p, officer, live.State)))
            {
                count++;
            }
        }

        return count;
    }

    private async Task RunAsync(ConsoleSession session, IClientProxy client, CancellationToken cancellationToken)
    {
        try
        {
            await session.RunAsync(client, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The connection is going away; SignalR calls OnDisconnectedAsync, which closes the session.
            logger.LogInformation(ex, "Sending to console {Connection} failed", session.ConnectionId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _running.Keys.ToList())
        {
            await CloseAsync(id);
        }
    }

    private sealed record Running(ConsoleSession Session, CancellationTokenSource Stop, Task Loop);
}
