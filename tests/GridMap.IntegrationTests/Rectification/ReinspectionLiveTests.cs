using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.Live;
using GridMap.Web.Live;
using GridMap.Web.Rectification;

namespace GridMap.IntegrationTests.Rectification;

/// <summary>A due re-inspection is pushed ("reinspections") to consoles whose scope includes its grid, once.</summary>
public sealed class ReinspectionLiveTests(RectificationApp app) : IClassFixture<RectificationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SignalRTestClient> ConsoleAsync(string username)
    {
        using var client = await app.SignedInAsync(username);
        var console = await SignalRTestClient.ConnectAsync(app.Factory.Server, LiveLayer.HubPath, client.DefaultRequestHeaders.Authorization!.Parameter, Ct);
        await console.InvokeAsync("SetViewport", [100.0, 10.0, 130.0, 40.0], Ct);
        return console;
    }

    [Fact]
    public async Task A_due_reinspection_reaches_the_consoles_in_scope_once()
    {
        var place = await app.RentalAsync(5);
        using var command = await app.SignedInAsync("command");
        var caseId = await app.ReportAsync(command, place, "struct_alteration", "擅自拆除一楼承重墙");
        var issued = await command.PostAsJsonAsync($"/api/v1/cases/{caseId}/rectification-notices", new { workingDays = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var notice = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);

        await using var centre = await ConsoleAsync("command");
        await using var stranger = await ConsoleAsync(await app.LeaderOutsideAsync(place.Grid));
        app.Clock.Advance(notice.GetProperty("deadline").GetDateTimeOffset() - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        var watcher = app.Service<ReinspectionWatcher>();
        Assert.Equal(1, (await watcher.RunOnceAsync(Ct)).Announced);

        var seen = await centre.WaitForItemAsync(ReinspectionWatcher.MessageName, r => r.GetProperty("caseId").GetInt64() == caseId, TimeSpan.FromSeconds(5), Ct);
        Assert.NotNull(seen);
        Assert.Equal(notice.GetProperty("number").GetString(), seen.Value.GetProperty("noticeNumber").GetString());
        Assert.Equal(1, seen.Value.GetProperty("round").GetInt32());
        Assert.Equal(place.Grid, seen.Value.GetProperty("gridCode").GetString());

        Assert.Equal(0, (await watcher.RunOnceAsync(Ct)).Announced);
        var strangerGot = (await stranger.CollectAsync(ReinspectionWatcher.MessageName, TimeSpan.FromSeconds(1), Ct))
            .SelectMany(m => m.Items.EnumerateArray()).Select(r => r.GetProperty("caseId").GetInt64());
        Assert.DoesNotContain(caseId, strangerGot);
        var again = (await centre.CollectAsync(ReinspectionWatcher.MessageName, TimeSpan.FromSeconds(1), Ct))
            .SelectMany(m => m.Items.EnumerateArray()).Where(r => r.GetProperty("caseId").GetInt64() == caseId);
        Assert.Empty(again);
    }
}
