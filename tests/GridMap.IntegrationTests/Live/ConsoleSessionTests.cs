using System.Diagnostics;
using GridMap.Domain.Access;
using GridMap.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace GridMap.IntegrationTests.Live;

/// <summary>A console on a slow link gets fresher, fewer updates and holds up no one (no database needed).</summary>
public sealed class ConsoleSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LivePositionMessage Position(long officer, int i) =>
        new(officer, $"d{officer}", "x", "grid_officer", "44130201000101001", 23.1, 114.4 + i * 1e-6, 0, 1, DateTimeOffset.UtcNow.AddMilliseconds(i), "live", 90);

    /// <summary>Never finishes a send: a console whose socket buffer is full.</summary>
    private sealed class StuckClient : IClientProxy
    {
        public int Sends;

        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Sends);
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private sealed class RecordingClient : IClientProxy
    {
        public readonly System.Collections.Concurrent.ConcurrentDictionary<long, LivePositionMessage> Latest = new();

        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken)
        {
            if (method == "positions")
            {
                foreach (var p in (IEnumerable<LivePositionMessage>)args[0]!)
                {
                    Latest[p.OfficerId] = p;
                }
            }

            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_stuck_console_neither_blocks_the_fan_out_nor_the_other_consoles_and_its_outbox_stays_bounded()
    {
        var options = new LiveOptions { MaxPendingPerConsole = 100, FlushInterval = TimeSpan.FromMilliseconds(20) };
        var stuck = new ConsoleSession("stuck", "a", GridScope.Everything, options);
        var healthy = new ConsoleSession("healthy", "b", GridScope.Everything, options);
        var stuckClient = new StuckClient();
        var healthyClient = new RecordingClient();
        using var stop = new CancellationTokenSource();
        var loops = new[]
        {
            stuck.RunAsync(stuckClient, TimeProvider.System, stop.Token),
            healthy.RunAsync(healthyClient, TimeProvider.System, stop.Token),
        };

        // The fan-out: 100 officers × 200 updates into both outboxes.
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            for (var officer = 1; officer <= 100; officer++)
            {
                var message = Position(officer, i);
                stuck.OfferPosition(message);
                healthy.OfferPosition(message);
            }
        }

        watch.Stop();
        for (var i = 0; i < 100 && (healthyClient.Latest.Count < 100 || healthyClient.Latest.Values.Any(p => p.Lon != 114.4 + 199 * 1e-6)); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"offering took {watch.Elapsed}");
        Assert.Equal(100, healthyClient.Latest.Count);
        Assert.All(healthyClient.Latest.Values, p => Assert.Equal(114.4 + 199 * 1e-6, p.Lon, 9));
        Assert.Equal(1, stuckClient.Sends);
        // The stuck console's loop took a first batch and hangs sending it; another round piles up
        // as one pending update per officer, however many are offered.
        for (var round = 0; round < 20; round++)
        {
            for (var officer = 1; officer <= 100; officer++)
            {
                stuck.OfferPosition(Position(officer, 200 + round));
            }
        }

        Assert.Equal(100, stuck.PendingPositions);
        Assert.Equal(0, stuck.DroppedPositions);

        // More officers than the outbox holds: the oldest pending ones give way.
        for (var officer = 101; officer <= 150; officer++)
        {
            stuck.OfferPosition(Position(officer, 0));
        }

        Assert.Equal(100, stuck.PendingPositions);
        Assert.Equal(50, stuck.DroppedPositions);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(loops));
    }
}
