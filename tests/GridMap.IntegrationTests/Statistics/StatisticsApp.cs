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

/// <summary>A TimeProvider the statistics tests set to any moment (each test works in its own month).</summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// The demo district and the app over it with a settable clock and the deadline watcher off.
/// Cases are reported through the API and moved on through the repository with the actors
/// the rules ask for (the assignee for accept/handle, the command centre for checks and closing).
/// </summary>
public sealed class StatisticsApp : IAsyncLifetime
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    private TestDatabase? _database;
    private GridMapAppFactory? _root;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public SettableClock Clock { get; } = new(new DateTimeOffset(2026, 3, 3, 10, 0, 0, China));

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static CaseActor Command => CaseActor.User(1, UserRole.Command, null, "指挥中心");

    public static CaseActor Officer(long officerId) => CaseActor.User(100_000 + officerId, UserRole.GridOfficer, officerId, $"officer {officerId}");

    public async ValueTask InitializeAsync()
    {
        _database = await DemoDistrict.CreateAsync();
        _root = new GridMapAppFactory(_database.ConnectionString, new Dictionary<string, string?> { ["Cases:Watcher:Enabled"] = "false" });
        Factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A client with a bearer token issued at the clock's "now" (sign in again after moving the clock far).</summary>
    public async Task<HttpClient> SignedInAsync(string username)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = DemoDistrict.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        return client;
    }

    /// <summary>
    /// A level-3 grid with a grid officer on the day shift at 10:00, a point inside it and the
    /// officer dispatch picks (the lowest id on shift); the query of CasesApiApp.
    /// </summary>
    public async Task<(string Grid, double Lat, double Lon, long OfficerId)> GridWithOfficerAsync(int skip, string? outsideOf = null, string? inside = null)
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            SELECT g.code, ST_Y(ST_PointOnSurface(g.boundary)), ST_X(ST_PointOnSurface(g.boundary)),
                   (SELECT min(a.officer_id) FROM officer_assignment a JOIN shift s ON s.code = a.shift
                    WHERE a.grid_code = g.code AND a.role = 'grid_officer' AND a.until IS NULL
                      AND (s.starts_at = s.ends_at OR s.code = 'on_call'
                           OR (s.starts_at <= time '10:00' AND s.ends_at > time '10:00')))
            FROM grid g
            WHERE g.level = 3 AND g.valid_to IS NULL
              AND (@outside::text IS NULL OR g.code NOT LIKE @outside || '%')
              AND (@inside::text IS NULL OR g.code LIKE @inside || '%')
              AND EXISTS (SELECT 1 FROM officer_assignment a JOIN shift s ON s.code = a.shift
                          WHERE a.grid_code = g.code AND a.role = 'grid_officer' AND a.until IS NULL
                            AND (s.starts_at = s.ends_at OR s.code = 'on_call'
                                 OR (s.starts_at <= time '10:00' AND s.ends_at > time '10:00')))
            ORDER BY g.code
            OFFSET @skip LIMIT 1
            """);
        command.Parameters.AddWithValue("skip", skip);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("outside", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)outsideOf ?? DBNull.Value });
        command.Parameters.Add(new Npgsql.NpgsqlParameter("inside", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)inside ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), "no level-3 grid with an on-shift grid officer in the demo district");
        return (reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3));
    }

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

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_root is not null)
        {
            await _root.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
