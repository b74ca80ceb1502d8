using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridMap.IntegrationTests.Infrastructure;

/// <summary>
/// A copy of the demo district and the app over it with a fake clock and every background pass
/// off (deadline watcher, re-inspection watcher, department notifier): the tests move time and
/// run the passes themselves. The fixtures of the case tests add their own helpers and settings.
/// </summary>
public abstract class ClockedCaseApp(DateTimeOffset start) : IAsyncLifetime
{
    /// <summary>Tuesday 24 November 2026, 10:00 in Shanghai: a working day, day shifts running.</summary>
    public static readonly DateTimeOffset Tuesday10 = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    private TestDatabase? _database;
    private GridMapAppFactory? _root;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>
    /// The app's clock: tests set it (AdjustTime, which may go back and fires no timer) or move it
    /// (Advance, which fires the timers that fall due, like time passing). The app's timers run
    /// on it too: a console's pacing (Live:FlushInterval after each batch it sends), the state
    /// sweep, the reference and tile-version polls only move when a test advances the clock, so
    /// a test that waits for a second push to the same console must advance it in between.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(start);

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary>The app's warnings and errors, for a test to show when it fails.</summary>
    public AppLogRecorder Log => _root?.Log ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Configuration of the app under test; a fixture adds to these.</summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Cases:Watcher:Enabled"] = "false",
        ["Rectification:Watcher:Enabled"] = "false",
        ["Departments:Notifier:Enabled"] = "false",
    };

    public async ValueTask InitializeAsync()
    {
        _database = await DemoDistrict.CreateAsync();
        _root = new GridMapAppFactory(_database.ConnectionString, Settings());
        Factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A client with a bearer token of a demo account, issued at the clock's "now".</summary>
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
    /// A level-3 grid that has a grid officer on shift at 10:00 local, an interior point of it,
    /// and the officer dispatch must choose (the lowest id on shift). <paramref name="skip"/>
    /// picks another grid so tests do not report at the same place.
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
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no level-3 grid with an on-shift grid officer in the demo district");
        return (reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3));
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

        GC.SuppressFinalize(this);
    }
}
