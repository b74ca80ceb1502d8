using System.Threading.Channels;
using GridMap.Domain.Access;
using GridMap.Domain.Live;
using Microsoft.AspNetCore.SignalR;

namespace GridMap.Web.Live;

/// <summary>
/// One connected console: what its user may see (scope), where it is looking (viewport), and its
/// own bounded outbox with a sender loop. The fan-out only drops updates into the outbox and never
/// waits; the loop is the only place that awaits the client, so a console on a slow link gets
/// fewer, fresher batches and slows no one else.
/// </summary>
public sealed class ConsoleSession
{
    private readonly CoalescingBuffer<long, LivePositionMessage> _positions;
    private readonly CoalescingBuffer<long, LiveStateMessage> _states;
    private readonly CoalescingBuffer<long, LiveCaseMessage> _cases;
    private readonly Channel<LiveAlertMessage> _alerts;
    private readonly Channel<byte> _wake = Channel.CreateBounded<byte>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly LiveOptions _options;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, DateTimeOffset> _sent = new();
    private GeoBox? _viewport;

    public ConsoleSession(string connectionId, string userName, GridScope scope, LiveOptions options)
    {
        ConnectionId = connectionId;
        UserName = userName;
        Scope = scope;
        _options = options;
        _positions = new CoalescingBuffer<long, LivePositionMessage>(options.CoalescingInterval, options.MaxPendingPerConsole);
        // States are rare and each one matters (offline is not undone by a later "stale"), so no interval.
        _states = new CoalescingBuffer<long, LiveStateMessage>(TimeSpan.Zero, options.MaxPendingPerConsole);
        // Cases: the latest version of each case wins, no interval (a state change is news).
        _cases = new CoalescingBuffer<long, LiveCaseMessage>(TimeSpan.Zero, options.MaxPendingPerConsole);
        _alerts = Channel.CreateBounded<LiveAlertMessage>(new BoundedChannelOptions(Math.Max(1, options.MaxAlertsPerConsole))
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
    }

    public string ConnectionId { get; }

    public string UserName { get; }

    public GridScope Scope { get; }

    /// <summary>The reported viewport grown by the margin; null (everything in scope) until the console reports one.</summary>
    public GeoBox? Viewport => Volatile.Read(ref _viewport);

    /// <summary>Positions dropped because the outbox was full (not counting coalesced ones).</summary>
    public long DroppedPositions => _positions.Dropped;

    public int PendingPositions => _positions.PendingCount;

    public void SetViewport(GeoBox reported) => Volatile.Write(ref _viewport, reported.Expand(_options.ViewportMargin));

    public bool MaySee(LiveOfficerInfo officer) => officer.IsVisibleTo(Scope);

    public bool InView(double lon, double lat) => Viewport?.Contains(lon, lat) ?? true;

    public void OfferPosition(LivePositionMessage message)
    {
        _positions.Offer(message.OfficerId, message);
        _wake.Writer.TryWrite(0);
    }

    /// <summary>Offers a snapshot position unless the console already got this officer at this time.</summary>
    public bool OfferIfUnsent(LivePositionMessage message)
    {
        if (_sent.TryGetValue(message.OfficerId, out var sent) && sent >= message.Time)
        {
            return false;
        }

        OfferPosition(message);
        return true;
    }

    public void OfferState(LiveStateMessage message)
    {
        _states.Offer(message.OfficerId, message);
        _wake.Writer.TryWrite(0);
    }

    public void OfferCase(LiveCaseMessage message)
    {
        _cases.Offer(message.Id, message);
        _wake.Writer.TryWrite(0);
    }

    public void OfferAlert(LiveAlertMessage message)
    {
        _alerts.Writer.TryWrite(message);
        _wake.Writer.TryWrite(0);
    }

    /// <summary>The sender loop; runs until the console disconnects.</summary>
    public async Task RunAsync(IClientProxy client, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await WaitForWorkAsync(time, cancellationToken);

            var alerts = new List<LiveAlertMessage>();
            while (alerts.Count < _options.MaxBatch && _alerts.Reader.TryRead(out var alert))
            {
                alerts.Add(alert);
            }

            if (alerts.Count > 0)
            {
                await client.SendAsync("alerts", alerts, cancellationToken);
            }

            var now = time.GetUtcNow();
            var positions = _positions.TakeDue(now, _options.MaxBatch);
            if (positions.Count > 0)
            {
                await client.SendAsync("positions", positions, cancellationToken);
                foreach (var p in positions)
                {
                    _sent[p.OfficerId] = p.Time;
                }
            }

            var states = _states.TakeDue(now, _options.MaxBatch);
            if (states.Count > 0)
            {
                await client.SendAsync("states", states, cancellationToken);
            }

            var cases = _cases.TakeDue(now, _options.MaxBatch);
            if (cases.Count > 0)
            {
                await client.SendAsync("cases", cases, cancellationToken);
            }

            // Paces the console: updates arriving meanwhile collect into the next batch.
            await Task.Delay(_options.FlushInterval, time, cancellationToken);
        }
    }

    private async Task WaitForWorkAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Consume a pending wake-up first: anything offered after this point signals again.
            _wake.Reader.TryRead(out _);
            var now = time.GetUtcNow();
            if (_alerts.Reader.Count > 0 || _states.NextDueIn(now) == TimeSpan.Zero || _cases.NextDueIn(now) == TimeSpan.Zero)
            {
                return;
            }

            var nextPosition = _positions.NextDueIn(now);
            if (nextPosition == TimeSpan.Zero)
            {
                return;
            }

            if (nextPosition is { } wait)
            {
                // Something is pending but its officer was sent less than an interval ago.
                using var timeout = new CancellationTokenSource(wait, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                try
                {
                    await _wake.Reader.WaitToReadAsync(linked.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
            else
            {
                await _wake.Reader.WaitToReadAsync(cancellationToken);
            }
        }
    }
}
