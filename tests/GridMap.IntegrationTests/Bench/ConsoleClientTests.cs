using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Tools.Bench;
using GridMap.Web.Live;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.TestHost;
using static GridMap.IntegrationTests.Live.LiveScenario;

namespace GridMap.IntegrationTests.Bench;

/// <summary>
/// The consoles of `bench live` and `bench dispatch` against the real hub: what they match
/// deliveries by (officer and time of a position, id and state of a case) arrives intact, and
/// the hub's refusal of a call comes back as an error.
/// </summary>
public sealed class ConsoleClientTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The in-memory test server's WebSocket instead of a socket, with the client's bearer token.</summary>
    private static Action<HttpConnectionOptions> InMemory(TestServer server) => options =>
        options.WebSocketFactory = async (context, cancellationToken) =>
        {
            var token = await context.Options.AccessTokenProvider!();
            var client = server.CreateWebSocketClient();
            client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
            return await client.ConnectAsync(context.Uri, cancellationToken);
        };

    [Fact]
    public async Task A_bench_console_gets_positions_and_cases_as_sent_and_hub_errors_as_exceptions()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 7, Ct);
        var positions = new ConcurrentQueue<ReceivedPosition>();
        var cases = new ConcurrentQueue<ReceivedCase>();
        using var reporter = await app.SignedInAsync("command");
        await using var console = await SignalRConsoleClient.ConnectAsync(
            new Uri(app.Factory.Server.BaseAddress, LiveLayer.HubPath), reporter.DefaultRequestHeaders.Authorization!.Parameter!,
            (received, _) => { foreach (var p in received) { positions.Enqueue(p); } }, Ct,
            (received, _) => { foreach (var c in received) { cases.Enqueue(c); } },
            InMemory(app.Factory.Server));
        await console.InvokeAsync("SetViewport", [Everywhere[0], Everywhere[1], Everywhere[2], Everywhere[3]], TimeSpan.FromSeconds(10), Ct);

        // Sub-millisecond ticks: the benchmark's ledger matches positions by exact time.
        var time = DateTimeOffset.UtcNow.AddTicks(1234);
        Publish(app.Factory.Services, At(officer, officer.Lon, officer.Lat, time));
        var response = await reporter.PostAsJsonAsync("/api/v1/cases",
            new { lat = officer.Lat, lon = officer.Lon, category = "sec_access_control", description = "门禁坏了" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var expectedCase = new ReceivedCase(created.GetProperty("id").GetInt64(), created.GetProperty("state").GetString());

        for (var i = 0; i < 100 && !(positions.Any(p => p.OfficerId == officer.Id) && cases.Contains(expectedCase)); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Contains(new ReceivedPosition(officer.Id, time), positions);
        Assert.Equal(time.UtcTicks, positions.Last(p => p.OfficerId == officer.Id).Time.UtcTicks);
        Assert.Contains(expectedCase, cases);

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            console.InvokeAsync("SetViewport", [114.1, 23.2, 114.0, 23.1], TimeSpan.FromSeconds(10), Ct));
        Assert.Contains("minimum is greater", refused.Message);
        Assert.Null(console.Failure);
    }
}
