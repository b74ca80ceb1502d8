using GridMap.Tools.Bench;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using static GridMap.IntegrationTests.Patrol.PatrolTestKit;

namespace GridMap.IntegrationTests.Patrol;

/// <summary>
/// The durability guarantee: a position acknowledged (200) is committed before the answer
/// leaves, so it is in the database however the web process ends afterwards.
/// </summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private IReadOnlyList<DemoDevice> _devices = [];

    public async ValueTask InitializeAsync()
    {
        _database = await DemoDistrict.CreateAsync(Ct);
        _devices = (await DemoDevicesAsync(_database)).Take(8).ToList();
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_acknowledged_position_is_in_the_table_when_the_answer_arrives()
    {
        await using var app = new GridMapAppFactory(_database.ConnectionString);
        var start = Now().AddMinutes(-30);

        var checks = await Task.WhenAll(_devices.Select(async (device, d) =>
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.Token);
            var missing = 0;
            for (var r = 0; r < 15; r++)
            {
                var keys = Enumerable.Range(0, 10).Select(i => (device.DeviceId, Time: start.AddSeconds(r * 10 + i))).ToList();
                var response = await client.PostBatchAsync(keys.Select(k => (object)new { time = k.Time, lat = 23.1, lon = 114.4 }).ToArray());
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                // Read on another connection the moment the answer is in: the rows must be there.
                missing += keys.Count - (await StoredAsync(_database.DataSource, keys)).Count;
            }

            return missing;
        }));

        Assert.All(checks, missing => Assert.Equal(0, missing));
        Assert.Equal(8 * 15 * 10, await _database.ScalarAsync<long>("SELECT count(*) FROM officer_position", Ct));
    }

    [Fact]
    public async Task Acknowledged_positions_survive_stopping_the_app_in_the_middle_of_ingest()
    {
        var app = new GridMapAppFactory(_database.ConnectionString);
        var acknowledged = new ConcurrentBag<(string, DateTimeOffset)>();
        using var stop = new CancellationTokenSource();
        var start = Now().AddHours(-2);
        var clients = _devices.Select(d =>
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", d.Token);
            return (Device: d, Client: client);
        }).ToList();

        var senders = clients.Select((c, d) => Task.Run(async () =>
        {
            for (var r = 0; !stop.IsCancellationRequested; r++)
            {
                var keys = Enumerable.Range(0, 20).Select(i => (c.Device.DeviceId, Time: start.AddSeconds(r * 20 + i))).ToList();
                try
                {
                    var response = await c.Client.PostBatchAsync(keys.Select(k => (object)new { time = k.Time, lat = 23.1, lon = 114.4 }).ToArray());
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        keys.ForEach(acknowledged.Add);
                    }
                }
                catch (Exception) when (stop.IsCancellationRequested || r > 0)
                {
                    return; // the server went away under the request: not acknowledged
                }
            }
        })).ToList();

        while (acknowledged.Count < 2_000)
        {
            await Task.Delay(20, Ct);
        }

        // Stop the app while requests are in flight: it must not acknowledge what it did not commit.
        var dispose = app.DisposeAsync().AsTask();
        await stop.CancelAsync();
        await dispose;
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var keysAcked = acknowledged.ToList();
        var stored = await StoredAsync(_database.DataSource, keysAcked);
        Assert.Equal(keysAcked.Count, stored.Count);
    }

    [Fact]
    public async Task Acknowledged_positions_survive_killing_the_web_process()
    {
        // The web application as built next to the tests, started as its own process.
        await using var web = await WebProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "GridMap.Web.dll"), _database.ConnectionString, Ct,
            new Dictionary<string, string> { ["Patrol__OsmAndPort"] = "0" });
        using var http = new HttpClient { BaseAddress = web.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        var acknowledged = new ConcurrentBag<(string, DateTimeOffset)>();
        var failed = 0;
        using var stop = new CancellationTokenSource();
        var start = Now().AddHours(-3);
        var senders = _devices.Select((device, d) => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.Token);
            for (var r = 0; !stop.IsCancellationRequested; r++)
            {
                // Half the phones speak OsmAnd (one position a request), half the batch API.
                var keys = Enumerable.Range(0, d % 2 == 0 ? 25 : 1).Select(i => (device.DeviceId, Time: start.AddSeconds(r * 25 + i))).ToList();
                try
                {
                    var response = d % 2 == 0
                        ? await client.PostAsJsonAsync("/api/v1/positions", new { positions = keys.Select(k => new { time = k.Time, lat = 23.1, lon = 114.4 }) })
                        : await client.GetAsync($"/osmand?id={device.DeviceId}&timestamp={keys[0].Time.ToUnixTimeMilliseconds()}&lat=23.1&lon=114.4");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        keys.ForEach(acknowledged.Add);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref failed);
                    return;
                }
            }
        })).ToList();

        while (acknowledged.Count < 3_000 && !web.HasExited)
        {
            await Task.Delay(10, Ct);
        }

        // SIGKILL: no shutdown, no draining, requests cut in the middle.
        await web.KillAsync(Ct);
        await stop.CancelAsync();
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var keysAcked = acknowledged.ToList();
        var stored = await StoredAsync(_database.DataSource, keysAcked);
        Assert.True(keysAcked.Count >= 3_000, $"only {keysAcked.Count} acknowledged before the kill");
        Assert.Equal(keysAcked.Count, stored.Count);
        TestContext.Current.SendDiagnosticMessage(
            $"killed after {keysAcked.Count} acknowledged positions; {failed} requests cut; {await _database.ScalarAsync<long>("SELECT count(*) FROM officer_position", Ct)} stored");
    }
}
