using System.Net;
using GridMap.Web.Patrol;
using Microsoft.Extensions.DependencyInjection;
using static GridMap.IntegrationTests.Patrol.PatrolTestKit;

namespace GridMap.IntegrationTests.Patrol;

/// <summary>When the server cannot take or store positions it says so (503, Retry-After) and acknowledges nothing.</summary>
public sealed class BackpressureTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private DemoDevice _device = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await DemoDistrict.CreateAsync(Ct);
        _device = (await DemoDevicesAsync(_database))[0];
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private HttpClient Client(GridMapAppFactory app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _device.Token);
        return client;
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_Retry_After()
    {
        // Room for one position, and a writer that lingers two seconds over each batch.
        await using var app = new GridMapAppFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Patrol:QueueCapacity"] = "1",
            ["Patrol:MaxBatchDelay"] = "00:00:02",
        });
        using var client = Client(app);
        var now = Now();

        var queue = app.Services.GetRequiredService<PositionIngestQueue>();
        var first = client.PostBatchAsync(Item(_device, now.AddSeconds(-2)));
        await WaitUntilQueuedAsync(queue);
        var second = await client.PostBatchAsync(Item(_device, now.AddSeconds(-1)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), second.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(1, await CountPositionsAsync(_database, _device.DeviceId));

        using var anonymous = app.CreateClient();
        var pending = client.PostBatchAsync(Item(_device, now.AddSeconds(-3)));
        await WaitUntilQueuedAsync(queue);
        var osmand = await anonymous.GetAsync($"/osmand?id={_device.DeviceId}&lat=23.1&lon=114.4&timestamp={now.ToUnixTimeSeconds()}", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, osmand.StatusCode);
        Assert.NotNull(osmand.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await pending).StatusCode);
    }

    private static async Task WaitUntilQueuedAsync(PositionIngestQueue queue)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (queue.Pending == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, Ct);
        }

        Assert.Equal(1, queue.Pending);
    }

    [Fact]
    public async Task A_failed_write_answers_503_and_the_next_one_succeeds()
    {
        await using var app = new GridMapAppFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Patrol:FailureBackoff"] = "00:00:00",
        });
        using var client = Client(app);
        var now = Now();
        (await client.PostBatchAsync(Item(_device, now.AddSeconds(-10)))).EnsureSuccessStatusCode();

        await _database.ScalarAsync<int>("ALTER TABLE officer_latest RENAME TO officer_latest_away", Ct);
        var failed = await client.PostBatchAsync(Item(_device, now.AddSeconds(-5)));
        await _database.ScalarAsync<int>("ALTER TABLE officer_latest_away RENAME TO officer_latest", Ct);
        var recovered = await client.PostBatchAsync(Item(_device, now.AddSeconds(-5)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(1, (await recovered.JsonAsync()).GetProperty("stored").GetInt32());
        Assert.Equal(2, await CountPositionsAsync(_database, _device.DeviceId));
    }
}
