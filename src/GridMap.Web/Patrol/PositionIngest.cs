using GridMap.Data.Patrol;
using GridMap.Domain.Patrol;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Patrol;

/// <summary>How an ingest request ended once its positions were queued.</summary>
public enum IngestStatus
{
    /// <summary>Every accepted position is committed (stored now or already stored).</summary>
    Committed,

    /// <summary>The queue is full or the application is stopping: 503, try again.</summary>
    Busy,

    /// <summary>The write failed or took too long: 503, try again; nothing is acknowledged.</summary>
    Failed,
}

public sealed record IngestOutcome(IngestStatus Status, int Stored, int Duplicates);

/// <summary>
/// The steps every ingest protocol shares: find the device, check each position, queue the
/// accepted ones, and wait until they are committed.
/// </summary>
public sealed class PositionIngest(
    DeviceDirectory devices,
    PositionIngestQueue queue,
    TimeProvider time,
    IOptions<PatrolOptions> options,
    ILogger<PositionIngest> logger)
{
    public PatrolOptions Options => options.Value;

    public DateTimeOffset Now() => time.GetUtcNow();

    public ValueTask<ActiveDevice?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        devices.FindByIdAsync(deviceId, cancellationToken);

    /// <summary>Checks a report received at <paramref name="receivedAt"/> against <see cref="PatrolOptions.Rules"/>.</summary>
    public PositionVerdict Check(PositionReport report, DateTimeOffset receivedAt) =>
        options.Value.Rules.Check(report, receivedAt);

    public static OfficerPosition ToPosition(ActiveDevice device, PositionReport accepted) =>
        new(device.OfficerId, device.DeviceId, accepted.Time!.Value, accepted.Lat, accepted.Lon,
            accepted.SpeedMps, accepted.Heading, accepted.Altitude, accepted.Accuracy, accepted.Battery);

    /// <summary>Queues the positions and waits for their commit (the durability guarantee: no answer before it).</summary>
    public async Task<IngestOutcome> CommitAsync(IReadOnlyList<OfficerPosition> positions, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (positions.Count == 0)
        {
            return new IngestOutcome(IngestStatus.Committed, 0, 0);
        }

        var status = queue.TryEnqueue(positions, receivedAt, out var committed);
        if (status != EnqueueStatus.Queued)
        {
            logger.LogWarning("Ingest queue {Status} ({Pending} positions pending); answering 503", status, queue.Pending);
            return new IngestOutcome(IngestStatus.Busy, 0, 0);
        }

        try
        {
            var result = await committed.WaitAsync(options.Value.AckTimeout, time, cancellationToken);
            return new IngestOutcome(IngestStatus.Committed, result.Stored, result.Duplicates);
        }
        catch (IngestUnavailableException)
        {
            return new IngestOutcome(IngestStatus.Failed, 0, 0);
        }
        catch (TimeoutException)
        {
            // The positions may still be committed later; the phone sends them again and the
            // duplicates are ignored.
            logger.LogWarning("{Count} positions not committed within {Timeout}; answering 503", positions.Count, options.Value.AckTimeout);
            return new IngestOutcome(IngestStatus.Failed, 0, 0);
        }
    }
}
