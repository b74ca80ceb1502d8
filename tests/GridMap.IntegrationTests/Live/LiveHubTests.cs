using System.Text.Json;
using GridMap.Domain.Live;
using GridMap.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using static GridMap.IntegrationTests.Live.LiveScenario;

namespace GridMap.IntegrationTests.Live;

/// <summary>The hub /hubs/live over the real application and a copy of the demo district.</summary>
public sealed class LiveHubTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IServiceProvider Services => app.Factory.Services;

    private static Func<JsonElement, bool> Officer(long id) => item => item.GetProperty("officerId").GetInt64() == id;

    [Fact]
    public async Task A_position_reaches_the_consoles_whose_scope_has_the_officer_and_no_other()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 0, Ct);
        await using var command = await ConsoleAsync(app, "command", Everywhere, Ct);
        await using var ownLeader = await ConsoleAsync(app, "leader01", Everywhere, Ct);
        await using var otherLeader = await ConsoleAsync(app, "leader02", Everywhere, Ct);

        Publish(Services, At(officer, officer.Lon, officer.Lat, DateTimeOffset.UtcNow));

        var seen = await command.WaitForItemAsync("positions", Officer(officer.Id), TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(seen);
        Assert.Equal(officer.Name, seen.Value.GetProperty("name").GetString());
        Assert.Equal("grid_officer", seen.Value.GetProperty("role").GetString());
        Assert.Equal(officer.GridCode, seen.Value.GetProperty("gridCode").GetString());
        Assert.Equal("live", seen.Value.GetProperty("state").GetString());
        Assert.Equal(90, seen.Value.GetProperty("heading").GetDouble());
        Assert.Equal(officer.Lat, seen.Value.GetProperty("lat").GetDouble(), 9);
        Assert.NotNull(await ownLeader.WaitForItemAsync("positions", Officer(officer.Id), TimeSpan.FromSeconds(5), Ct));
        Assert.Null(await otherLeader.WaitForItemAsync("positions", Officer(officer.Id), TimeSpan.FromSeconds(2), Ct));
    }

    [Fact]
    public async Task A_console_connecting_later_gets_the_latest_positions_as_a_snapshot()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 1, Ct);
        var now = DateTimeOffset.UtcNow;
        Publish(Services, At(officer, officer.Lon, officer.Lat, now.AddSeconds(-2)), At(officer, officer.Lon + 0.0001, officer.Lat, now));
        Assert.Equal(now, Services.GetRequiredService<LiveOfficerTracker>().Find(officer.Id)?.Position.Time);

        await using var console = await SignalRTestClient.ConnectAsync(app.Factory.Server, LiveLayer.HubPath, await TokenAsync(app, "leader01"), Ct);

        var seen = await console.WaitForItemAsync("positions", Officer(officer.Id), TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(seen);
        Assert.Equal(officer.Lon + 0.0001, seen.Value.GetProperty("lon").GetDouble(), 9);
    }

    [Fact]
    public async Task Updates_are_coalesced_to_one_per_officer_per_second_and_the_newest_wins()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 2, Ct);
        await using var console = await ConsoleAsync(app, "command", Everywhere, Ct);
        var start = DateTimeOffset.UtcNow;

        // Ten reports within about a second (a phone reporting at 10 Hz).
        for (var i = 0; i < 10; i++)
        {
            Publish(Services, At(officer, officer.Lon + i * 0.00001, officer.Lat, start.AddMilliseconds(100 * i)));
            await Task.Delay(100, Ct);
        }

        var messages = await console.CollectAsync("positions", TimeSpan.FromSeconds(2.5), Ct);
        var received = messages
            .SelectMany(m => m.Items.EnumerateArray().Where(Officer(officer.Id)).Select(item => (m.ReceivedAt, Item: item)))
            .ToList();

        // Ten reports in about a second arrive as two or three updates a second apart, the last one the newest.
        Assert.InRange(received.Count, 1, 3);
        Assert.Equal(officer.Lon + 9 * 0.00001, received[^1].Item.GetProperty("lon").GetDouble(), 9);
        for (var i = 1; i < received.Count; i++)
        {
            var gap = received[i].ReceivedAt - received[i - 1].ReceivedAt;
            Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"two updates {gap.TotalMilliseconds} ms apart");
        }
    }

    [Fact]
    public async Task A_console_gets_only_what_is_in_or_near_its_viewport_and_catches_up_when_it_pans()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 3, Ct);
        var elsewhere = await GridOfficerAsync(app.Database, villages[^1], 0, Ct);
        double[] farAway = [elsewhere.Lon - 0.001, elsewhere.Lat - 0.001, elsewhere.Lon + 0.001, elsewhere.Lat + 0.001];
        await using var console = await ConsoleAsync(app, "command", farAway, Ct);
        console.Drain();

        Publish(Services, At(officer, officer.Lon, officer.Lat, DateTimeOffset.UtcNow));
        Assert.Null(await console.WaitForItemAsync("positions", Officer(officer.Id), TimeSpan.FromSeconds(2), Ct));

        await console.InvokeAsync("SetViewport", [officer.Lon - 0.002, officer.Lat - 0.002, officer.Lon + 0.002, officer.Lat + 0.002], Ct);
        Assert.NotNull(await console.WaitForItemAsync("positions", Officer(officer.Id), TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task A_malformed_viewport_is_refused_with_the_reason()
    {
        await using var console = await ConsoleAsync(app, "command", Everywhere, Ct);

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => console.InvokeAsync("SetViewport", [114.1, 23.2, 114.0, 23.1], Ct));

        Assert.Contains("minimum is greater", error.Message);
    }

    [Fact]
    public async Task The_hub_refuses_anonymous_connections()
    {
        using var anonymous = app.Anonymous();

        var negotiate = await anonymous.PostAsync($"{LiveLayer.HubPath}/negotiate?negotiateVersion=1", null, Ct);

        // 401 like the APIs, not a redirect to the sign-in page.
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, negotiate.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => SignalRTestClient.ConnectAsync(app.Factory.Server, LiveLayer.HubPath, null, Ct));
    }

    [Fact]
    public async Task Leaving_the_assigned_grid_raises_one_alert_for_the_consoles_that_may_see_the_officer_and_returning_clears_it()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 4, Ct);
        var away = await GridOfficerAsync(app.Database, villages[1], 0, Ct);
        await PutOnCallAsync(app.Database, Services, [officer.Id], Ct);
        await using var command = await ConsoleAsync(app, "command", Everywhere, Ct);
        await using var otherLeader = await ConsoleAsync(app, "leader02", Everywhere, Ct);
        var t = DateTimeOffset.UtcNow;

        Publish(Services, At(officer, officer.Lon, officer.Lat, t));
        Publish(Services, At(officer, away.Lon, away.Lat, t.AddSeconds(5)));
        Publish(Services, At(officer, away.Lon + 0.0001, away.Lat, t.AddSeconds(10)));
        Publish(Services, At(officer, away.Lon + 0.0002, away.Lat, t.AddSeconds(15)));

        var left = await command.WaitForItemAsync("alerts", Officer(officer.Id), TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(left);
        Assert.Equal("left_grid", left.Value.GetProperty("kind").GetString());
        Assert.Equal(officer.GridCode, left.Value.GetProperty("gridCode").GetString());
        Assert.Equal(away.GridCode, left.Value.GetProperty("atGridCode").GetString());
        Assert.Equal(officer.Name, left.Value.GetProperty("name").GetString());
        var alertId = left.Value.GetProperty("id").GetInt64();
        Assert.True(alertId > 0);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM geofence_alert WHERE officer_id = {officer.Id} AND cleared_at IS NULL AND grid_code = '{officer.GridCode}'", Ct));

        Publish(Services, At(officer, officer.Lon, officer.Lat, t.AddSeconds(20)));

        var back = await command.WaitForItemAsync("alerts", Officer(officer.Id), TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(back);
        Assert.Equal("returned", back.Value.GetProperty("kind").GetString());
        Assert.Equal(alertId, back.Value.GetProperty("id").GetInt64());
        Assert.Equal("returned", await app.Database.ScalarAsync<string>($"SELECT clear_reason FROM geofence_alert WHERE id = {alertId}", Ct));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM geofence_alert WHERE officer_id = {officer.Id}", Ct));
        // The officer is village 1's; village 2's leader hears nothing, though the officer stood in village 2.
        Assert.Null(await otherLeader.WaitForItemAsync("alerts", Officer(officer.Id), TimeSpan.FromSeconds(1), Ct));
    }

    [Fact]
    public async Task A_console_that_connects_while_an_officer_is_out_is_told_at_once()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 5, Ct);
        var away = await GridOfficerAsync(app.Database, villages[2], 0, Ct);
        await PutOnCallAsync(app.Database, Services, [officer.Id], Ct);
        var t = DateTimeOffset.UtcNow;
        Publish(Services, At(officer, away.Lon, away.Lat, t), At(officer, away.Lon, away.Lat, t.AddSeconds(5)));
        var geofence = Services.GetRequiredService<GeofenceMonitor>();
        for (var i = 0; i < 50 && geofence.FindOpenAlert(officer.Id) is null; i++)
        {
            await Task.Delay(100, Ct);
        }

        await using var console = await ConsoleAsync(app, "leader01", Everywhere, Ct);

        var alert = await console.WaitForItemAsync("alerts", Officer(officer.Id), TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(alert);
        Assert.Equal("left_grid", alert.Value.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Officers_turn_stale_when_they_stop_reporting()
    {
        var villages = await VillagesAsync(app.Database, Ct);
        var officer = await GridOfficerAsync(app.Database, villages[0], 6, Ct);
        await using var console = await ConsoleAsync(app, "command", Everywhere, Ct);

        // Last heard 59.5 s ago: live now, stale within a sweep or two.
        Publish(Services, At(officer, officer.Lon, officer.Lat, DateTimeOffset.UtcNow.AddSeconds(-59.5)));

        var state = await console.WaitForItemAsync("states", Officer(officer.Id), TimeSpan.FromSeconds(15), Ct);
        Assert.NotNull(state);
        Assert.Equal("stale", state.Value.GetProperty("state").GetString());
    }
}
