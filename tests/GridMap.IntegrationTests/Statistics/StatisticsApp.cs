using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GridMap.IntegrationTests.Statistics;

/// <summary>
/// The demo district and the app over it with a settable clock and the deadline watcher off.
/// Cases are reported through the API and moved on through the repository with the actors
/// the rules ask for (the assignee for accept/handle, the command centre for checks and closing).
/// </summary>
public sealed class StatisticsApp() : ClockedCaseApp(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.FromHours(8)))
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static CaseActor Command => CaseActor.User(1, UserRole.Command, null, "指挥中心");

    public static CaseActor Officer(long officerId) => CaseActor.User(100_000 + officerId, UserRole.GridOfficer, officerId, $"officer {officerId}");

    /// <summary>Reports through the API; returns the case id.</summary>
    public static async Task<long> ReportAsync(HttpClient client, double lat, double lon, string category, string description)
    {
        var response = await client.PostAsJsonAsync(
            "/api/v1/cases", new { lat, lon, category, description, confirmNotDuplicate = true }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    public async Task<CaseDetail> ApplyAsync(long id, CaseCommand command)
    {
        var cases = Service<CaseRepository>();
        var current = await cases.GetAsync(GridScope.Everything, id, Ct) ?? throw new InvalidOperationException($"case {id} not found");
        var result = await cases.ApplyAsync(GridScope.Everything, id, current.Version, command, Ct);
        Assert.True(result.Outcome == CaseWriteOutcome.Applied, $"{command.Action}: {result.Message}");
        return result.Case!;
    }

    /// <summary>Accept, start and handle (with a photo) as the assignee, a few minutes apart.</summary>
    public async Task HandleAsync(long id, long officerId, int seed)
    {
        var officer = Officer(officerId);
        await ApplyAsync(id, new CaseCommand(CaseAction.Accept, officer));
        Clock.Advance(TimeSpan.FromMinutes(5));
        await ApplyAsync(id, new CaseCommand(CaseAction.Start, officer));
        var (photo, error) = await Service<CaseRepository>().AddPhotoAsync(
            GridScope.Everything, id, [0xFF, 0xD8, 0xFF, 0xE0, (byte)seed, (byte)(seed >> 8), 1, 2, 3], officer, Ct);
        Assert.True(photo is not null, error);
        Clock.Advance(TimeSpan.FromMinutes(20));
        await ApplyAsync(id, new CaseCommand(CaseAction.Handle, officer) { PhotoIds = [photo.Value] });
    }
}
