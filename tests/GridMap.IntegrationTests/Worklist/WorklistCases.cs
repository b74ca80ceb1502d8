using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.IntegrationTests.CasesApi;

namespace GridMap.IntegrationTests.Worklist;

/// <summary>Reports cases through the API and moves them along as their assignee would on the phone.</summary>
/// <summary>
/// The worklist's test classes share one copy of the demo district: creating two at once on a
/// busy two-core machine times out.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorklistCollection : ICollectionFixture<CasesApiApp>
{
    public const string Name = "worklist";
}

internal static partial class WorklistCases
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The village (first-level grid) leader01 answers for. The list tests work inside it, the
    /// panel tests outside it, so the two classes (which share one database) never meet.
    /// </summary>
    public static async Task<string> LeaderVillageAsync(CasesApiApp app)
    {
        var root = await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'leader01' ORDER BY 1 LIMIT 1", Ct);
        return root![..12];
    }

    public static async Task<(long Id, long Assignee)> ReportAsync(HttpClient client, double lat, double lon, string category, string description)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", new { lat, lon, category, description, confirmNotDuplicate = true }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        var assignee = body.GetProperty("assignee").ValueKind == JsonValueKind.Object
            ? body.GetProperty("assignee").GetProperty("officerId").GetInt64()
            : 0;
        return (body.GetProperty("id").GetInt64(), assignee);
    }

    /// <summary>Accept, start (when not yet done) and handle with an evidence photo, as the assignee.</summary>
    public static async Task HandleAsync(CasesApiApp app, long id, long officerId)
    {
        var cases = app.Service<CaseRepository>();
        var userId = await app.Database.ScalarAsync<long?>($"SELECT id FROM app_user WHERE officer_id = {officerId} LIMIT 1", Ct) ?? 0;
        var officer = CaseActor.User(userId, UserRole.GridOfficer, officerId, "assignee");
        foreach (var action in new[] { CaseAction.Accept, CaseAction.Start })
        {
            var current = await cases.GetAsync(GridScope.Everything, id, Ct);
            if (!CaseTransitions.IsLegal(current!.State, action))
            {
                continue;
            }

            var moved = await cases.ApplyAsync(GridScope.Everything, id, current!.Version, new CaseCommand(action, officer), Ct);
            Assert.True(moved.Outcome == CaseWriteOutcome.Applied, moved.Message);
        }

        // A PNG signature is all the photo check reads; the rest makes each photo distinct.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()];
        var (photo, error) = await cases.AddPhotoAsync(GridScope.Everything, id, png, officer, Ct);
        Assert.True(photo is not null, error);
        var before = await cases.GetAsync(GridScope.Everything, id, Ct);
        var handled = await cases.ApplyAsync(GridScope.Everything, id, before!.Version,
            new CaseCommand(CaseAction.Handle, officer) { PhotoIds = [photo!.Value], Note = "已整改" }, Ct);
        Assert.True(handled.Outcome == CaseWriteOutcome.Applied, handled.Message);
    }

    /// <summary>The antiforgery token a rendered panel carries in its forms.</summary>
    public static string Token(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "the panel has no antiforgery field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PanelAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync($"/fragments/cases/{id}", Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    public static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> ActAsync(
        HttpClient client, long id, string? token, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            form.Add(new("__RequestVerificationToken", token));
        }

        var response = await client.PostAsync($"/fragments/cases/{id}/actions", new FormUrlEncodedContent(form), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
