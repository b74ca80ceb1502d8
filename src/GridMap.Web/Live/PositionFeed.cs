using System.Threading.Channels;
using GridMap.Domain.Patrol;

namespace GridMap.Web.Live;

/// <summary>
/// Fans out batches of positions, once they are committed to the database, to the in-process
/// consumers that react to them (console broadcaster, geofence, patrol coverage). Each
/// subscriber has its own bounded channel that drops its oldest batch when full, so a slow
/// consumer loses freshness, never stalls ingest or the other consumers.
/// </summary>
public sealed class PositionFeed
{
    private readonly Lock _gate = new();
    private Channel<IReadOnlyList<OfficerPosition>>[] _subscribers = [];

    public ChannelReader<IReadOnlyList<OfficerPosition>> Subscribe(int capacity = 1024)
    {
        var channel = Channel.CreateBounded<IReadOnlyList<OfficerPosition>>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        lock (_gate)
        {
            _subscribers = [.. _subscribers, channel];
        }

        return channel.Reader;
    }

    public void Publish(IReadOnlyList<OfficerPosition> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Writer.TryWrite(batch);
        }
    }
}
