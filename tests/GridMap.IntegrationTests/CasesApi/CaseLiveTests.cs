using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.Live;
using GridMap.Web.Live;

namespace GridMap.IntegrationTests.CasesApi;

/// <summary>The "cases" hub message reaches the consoles whose scope includes the case's grid, and only those.</summary>
public sealed class CaseLiveTests(CasesApiApp app) : IClassFixture<CasesApiApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SignalRTestClient> ConsoleAsync(string username)
    {
        using var client = await app.SignedInAsync(username);
        var console = await SignalRTestClient.ConnectAsync(app.Factory.Server, LiveLayer.HubPath, client.DefaultRequestHeaders.Authorization!.Parameter, Ct);
        // Invocations run after OnConnectedAsync: once this returns, the console is registered.
        await console.InvokeAsync("SetViewport", [100.0, 10.0, 130.0, 40.0], Ct);
        return console;
    }

    [Fact]
    public async Task A_reported_case_is_pushed_to_consoles_that_may_see_its_grid()
    {
        var leaderRoot = await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'leader01' ORDER BY 1 LIMIT 1", Ct);
        Assert.NotNull(leaderRoot);
        var mine = await app.GridWithOfficerAsync(0, inside: leaderRoot);
        var other = await app.GridWithOfficerAsync(0, outsideOf: leaderRoot[..12]);
        await using var command = await ConsoleAsync("command");
        await using var leader = await ConsoleAsync("leader01");
        using var reporter = await app.SignedInAsync("command");

        var outside = await ReportAsync(reporter, other.Lat, other.Lon);
        var inside = await ReportAsync(reporter, mine.Lat, mine.Lon);

        var seen = await command.WaitForItemAsync("cases", c => c.GetProperty("id").GetInt64() == outside, TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(seen);
        Assert.Equal("dispatched", seen.Value.GetProperty("state").GetString());
        Assert.Equal(other.Grid, seen.Value.GetProperty("gridCode").GetString());
        Assert.False(seen.Value.GetProperty("overdue").GetBoolean());
        Assert.Equal(0, seen.Value.GetProperty("escalationLevel").GetInt32());

        // Everything the leader's console received: its own village's case, not the other one.
        var received = (await leader.CollectAsync("cases", TimeSpan.FromSeconds(2), Ct))
            .SelectMany(m => m.Items.EnumerateArray()).Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(inside, received);
        Assert.DoesNotContain(outside, received);
    }

    private static async Task<long> ReportAsync(HttpClient client, double lat, double lon)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", new { lat, lon, category = "sec_access_control", description = "门禁坏了" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
    }
}
