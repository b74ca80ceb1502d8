using GridMap.Domain.Live;

namespace GridMap.UnitTests.Live;

public sealed class CoalescingBufferTests
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 30, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_newest_value_per_key_wins_and_keeps_its_place_in_line()
    {
        var buffer = new CoalescingBuffer<long, string>(TimeSpan.FromSeconds(1), 100);

        Assert.True(buffer.Offer(1, "a1"));
        Assert.True(buffer.Offer(2, "b1"));
        Assert.False(buffer.Offer(1, "a2"));

        Assert.Equal(["a2", "b1"], buffer.TakeDue(T0));
        Assert.Empty(buffer.TakeDue(T0));
    }

    [Fact]
    public void A_key_is_handed_out_at_most_once_per_interval()
    {
        var buffer = new CoalescingBuffer<long, string>(TimeSpan.FromSeconds(1), 100);
        buffer.Offer(1, "a1");
        Assert.Equal(["a1"], buffer.TakeDue(T0));

        // Ten updates within the next second: none goes out before the second is over, then only the last.
        for (var i = 2; i <= 11; i++)
        {
            buffer.Offer(1, $"a{i}");
            buffer.Offer(2, $"b{i}");
            Assert.DoesNotContain(buffer.TakeDue(T0.AddMilliseconds(90 * (i - 1))), v => v.StartsWith('a'));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(100), buffer.NextDueIn(T0.AddMilliseconds(900)));
        Assert.Equal(["a11"], buffer.TakeDue(T0.AddSeconds(1)));
        // Key 2 went out first at 90 ms, so its latest value waits until 1090 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(90), buffer.NextDueIn(T0.AddSeconds(1)));
        Assert.Equal(["b11"], buffer.TakeDue(T0.AddMilliseconds(1090)));
        Assert.Null(buffer.NextDueIn(T0.AddMilliseconds(1090)));
    }

    [Fact]
    public void Other_keys_are_not_held_back_by_a_busy_one()
    {
        var buffer = new CoalescingBuffer<long, string>(TimeSpan.FromSeconds(1), 100);
        buffer.Offer(1, "a1");
        buffer.TakeDue(T0);
        buffer.Offer(1, "a2");
        buffer.Offer(2, "b1");

        Assert.Equal(["b1"], buffer.TakeDue(T0.AddMilliseconds(100)));
        Assert.Equal(1, buffer.PendingCount);
    }

    [Fact]
    public void A_full_buffer_drops_its_oldest_pending_key_and_counts_it()
    {
        var buffer = new CoalescingBuffer<long, int>(TimeSpan.Zero, 3);
        for (var i = 1; i <= 5; i++)
        {
            buffer.Offer(i, i);
        }

        Assert.Equal(2, buffer.Dropped);
        Assert.Equal([3, 4, 5], buffer.TakeDue(T0));
    }

    [Fact]
    public void Take_respects_the_batch_limit()
    {
        var buffer = new CoalescingBuffer<long, int>(TimeSpan.FromSeconds(1), 100);
        for (var i = 1; i <= 5; i++)
        {
            buffer.Offer(i, i);
        }

        Assert.Equal([1, 2], buffer.TakeDue(T0, max: 2));
        Assert.Equal(TimeSpan.Zero, buffer.NextDueIn(T0));
        Assert.Equal([3, 4, 5], buffer.TakeDue(T0));
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing_but_replaced_values()
    {
        var buffer = new CoalescingBuffer<long, int>(TimeSpan.Zero, 10_000);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                buffer.Offer(i % 1000, w);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(1000, buffer.TakeDue(T0).Count);
        Assert.Equal(0, buffer.Dropped);
    }
}
