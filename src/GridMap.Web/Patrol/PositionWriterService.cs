using System.Diagnostics;
using GridMap.Data.Patrol;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using GridMap.Web.Live;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridMap.Web.Patrol;

/// <summary>The write failed; nothing of the request was committed.</summary>
public sealed class IngestUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The single writer: takes every request queued so far (up to <see cref="PatrolOptions.MaxBatchSize"/>
/// positions, waiting at most <see cref="PatrolOptions.MaxBatchDelay"/> for more), writes them in
/// one transaction (<see cref="PositionWriter"/>), and only after the commit completes the
/// waiting requests — group commit: one fsync acknowledges many requests, and nothing is
/// acknowledged that is not in the database. Then the officers' latest state
/// (<see cref="LiveOfficerTracker"/>) moves and the committed positions go to <see cref="PositionFeed"/>. On stop it takes no new requests and drains the
/// queue.
/// </summary>
public sealed class PositionWriterService(
    PositionIngestQueue queue,
    NpgsqlDataSource dataSource,
    LiveOfficerTracker tracker,
    PositionFeed feed,
    TimeProvider time,
    IOptions<PatrolOptions> options,
    ILogger<PositionWriterService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Close();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var writer = new PositionWriter(dataSource);
        var reader = queue.Reader;
        // Reads end when the queue is closed and empty, not when stopping is signalled: what
        // was accepted into the queue is written (or failed) before the service stops.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var batch = new List<IngestWork>();
            var count = Take(batch, 0);
            if (count < options.Value.MaxBatchSize && options.Value.MaxBatchDelay > TimeSpan.Zero && !stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.MaxBatchDelay, time, CancellationToken.None);
                count = Take(batch, count);
            }

            if (batch.Count > 0)
            {
                await WriteAsync(writer, batch, count);
            }
        }

        logger.LogInformation("Position writer stopped; queue drained");
    }

    private int Take(List<IngestWork> batch, int count)
    {
        var max = options.Value.MaxBatchSize;
        while (count < max && queue.Reader.TryRead(out var work))
        {
            batch.Add(work);
            count += work.Positions.Count;
        }

        return count;
    }

    private async Task WriteAsync(PositionWriter writer, List<IngestWork> batch, int count)
    {
        var staged = new List<StagedPosition>(count);
        foreach (var work in batch)
        {
            staged.AddRange(work.Positions.Select(p => new StagedPosition(p, work.ReceivedAt)));
        }

        var watch = Stopwatch.StartNew();
        bool[] added;
        try
        {
            added = await writer.WriteAsync(staged, CancellationToken.None);
        }
        catch (Exception ex)
        {
            queue.Done(count);
            logger.LogError(ex, "Writing {Positions} positions of {Requests} requests failed; the requests are answered 503", count, batch.Count);
            var failure = new IngestUnavailableException("The positions could not be stored; send them again.", ex);
            foreach (var work in batch)
            {
                work.Completion.TrySetException(failure);
            }

            await Task.Delay(options.Value.FailureBackoff, time, CancellationToken.None);
            return;
        }

        queue.Done(count);
        var committed = new List<OfficerPosition>(count);
        for (var i = 0; i < staged.Count; i++)
        {
            if (added[i])
            {
                committed.Add(staged[i].Position);
            }
        }

        // The store first, so that a client that reads /api/v1/officers/live after its
        // acknowledgement sees its own position, and the broadcaster finds it there. Nothing
        // after the commit may keep the requests from being answered, hence the guards.
        try
        {
            tracker.Record(committed);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Recording the latest state failed for {Count} committed positions", committed.Count);
        }

        var offset = 0;
        foreach (var work in batch)
        {
            var stored = 0;
            for (var i = 0; i < work.Positions.Count; i++)
            {
                if (added[offset + i])
                {
                    stored++;
                }
            }

            offset += work.Positions.Count;
            work.Completion.TrySetResult(new IngestResult(stored, work.Positions.Count - stored));
        }

        try
        {
            feed.Publish(committed);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Publishing {Count} committed positions failed", committed.Count);
        }

        logger.LogDebug("Committed {Stored} of {Positions} positions ({Requests} requests) in {Elapsed} ms",
            committed.Count, count, batch.Count, watch.ElapsedMilliseconds);
    }
}
