using System.Threading.Channels;
using GridMap.Domain.Patrol;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Patrol;

/// <summary>What became of a request's accepted positions once committed.</summary>
public sealed record IngestResult(int Stored, int Duplicates);

public enum EnqueueStatus
{
    Queued,

    /// <summary>The queue holds <see cref="PatrolOptions.QueueCapacity"/> positions: answer 503, try again.</summary>
    Full,

    /// <summary>The application is stopping.</summary>
    Closed,
}

/// <summary>One request's positions waiting for the writer, and the request waiting for them.</summary>
internal sealed class IngestWork(IReadOnlyList<OfficerPosition> positions, DateTimeOffset receivedAt)
{
    public IReadOnlyList<OfficerPosition> Positions { get; } = positions;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    // Continuations run on the thread pool, not on the writer loop that completes them.
    public TaskCompletionSource<IngestResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Between the requests and the writer: a channel of requests, bounded by the number of
/// positions it holds (a request is queued whole or not at all). When full, the caller answers
/// 503 with Retry-After instead of buffering without limit: the phone keeps its positions and
/// sends them again.
/// </summary>
public sealed class PositionIngestQueue(IOptions<PatrolOptions> options)
{
    private readonly Channel<IngestWork> _channel = Channel.CreateUnbounded<IngestWork>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private long _pending;

    /// <summary>Positions queued or being written.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    internal ChannelReader<IngestWork> Reader => _channel.Reader;

    /// <summary>
    /// Queues the positions; on <see cref="EnqueueStatus.Queued"/>, <paramref name="committed"/>
    /// completes once they are committed (or faults when the write failed).
    /// </summary>
    public EnqueueStatus TryEnqueue(IReadOnlyList<OfficerPosition> positions, DateTimeOffset receivedAt, out Task<IngestResult> committed)
    {
        committed = Task.FromResult(new IngestResult(0, 0));
        if (positions.Count == 0)
        {
            return EnqueueStatus.Queued;
        }

        var count = positions.Count;
        var after = Interlocked.Add(ref _pending, count);
        // A request larger than the whole capacity still goes through when the queue is empty.
        if (after > options.Value.QueueCapacity && after != count)
        {
            Interlocked.Add(ref _pending, -count);
            return EnqueueStatus.Full;
        }

        var work = new IngestWork(positions, receivedAt);
        if (!_channel.Writer.TryWrite(work))
        {
            Interlocked.Add(ref _pending, -count);
            return EnqueueStatus.Closed;
        }

        committed = work.Completion.Task;
        return EnqueueStatus.Queued;
    }

    /// <summary>Takes no more requests; the writer drains what is queued and stops.</summary>
    public void Close() => _channel.Writer.TryComplete();

    internal void Done(int positions) => Interlocked.Add(ref _pending, -positions);
}
