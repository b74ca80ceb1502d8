using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.CasesApi;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GridMap.IntegrationTests.Rectification;

/// <summary>A rental house of the demo district, in a grid whose officer is on shift at 10:00.</summary>
public sealed record RentalPlace(long BuildingId, string Grid, double Lat, double Lon, string Address, string LandlordName, string LandlordPhone, string LandlordIdNumber);

/// <summary>
/// A copy of the demo district and the app over it, with the manual clock of the case API tests
/// (Tuesday 24 November 2026, 10:00 in Shanghai) and every background watcher off: the tests run
/// the passes of the re-inspection watcher and the department notifier themselves.
/// </summary>
public sealed class RectificationApp() : ClockedCaseApp(Tuesday10)
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Departments:Notifier:PublicBaseUrl"] = "https://gridmap.example.org";
        return settings;
    }

    /// <summary>The <paramref name="skip"/>-th rental house in a grid with an on-shift officer (optionally inside a grid).</summary>
    public async Task<RentalPlace> RentalAsync(int skip, string? inside = null, string? outsideOf = null)
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            SELECT b.id, b.grid_code, ST_Y(ST_PointOnSurface(b.footprint)), ST_X(ST_PointOnSurface(b.footprint)), b.address,
                   r.landlord_name, r.landlord_phone, r.landlord_id_number
            FROM building b
            JOIN rental_house r ON r.building_id = b.id
            WHERE (@inside::text IS NULL OR b.grid_code LIKE @inside || '%')
              AND (@outside::text IS NULL OR b.grid_code NOT LIKE @outside || '%')
              AND EXISTS (SELECT 1 FROM officer_assignment a JOIN shift s ON s.code = a.shift
                          WHERE a.grid_code = b.grid_code AND a.role = 'grid_officer' AND a.until IS NULL
                            AND (s.code = 'on_call' OR (s.starts_at <= time '10:00' AND s.ends_at > time '10:00')))
              AND ST_Contains((SELECT g.boundary FROM grid g WHERE g.code = b.grid_code AND g.valid_to IS NULL),
                              ST_PointOnSurface(b.footprint))
            ORDER BY b.id
            OFFSET @skip LIMIT 1
            """);
        command.Parameters.AddWithValue("skip", skip);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("inside", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)inside ?? DBNull.Value });
        command.Parameters.Add(new Npgsql.NpgsqlParameter("outside", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)outsideOf ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no rental house in a grid with an on-shift officer");
        return new RentalPlace(reader.GetInt64(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.GetString(7));
    }

    /// <summary>Files a case at a rental house (as command: verified and dispatched at once) and answers its id.</summary>
    public async Task<long> ReportAsync(HttpClient client, RentalPlace place, string category, string description, bool withBuilding = true)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", new
        {
            lat = place.Lat,
            lon = place.Lon,
            category,
            description,
            buildingId = withBuilding ? place.BuildingId : (long?)null,
            confirmNotDuplicate = true,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>The first grid a demo account is granted.</summary>
    public async Task<string> ScopeRootAsync(string username)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = @username ORDER BY 1 LIMIT 1");
        command.Parameters.AddWithValue("username", username);
        var root = await command.ExecuteScalarAsync() as string;
        Assert.NotNull(root);
        return root;
    }

    /// <summary>A demo grid leader whose grids do not include <paramref name="grid"/>.</summary>
    public async Task<string> LeaderOutsideAsync(string grid)
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            SELECT u.username FROM app_user u
            WHERE u.role = 'grid_leader'
              AND EXISTS (SELECT 1 FROM user_grid_scope s WHERE s.user_id = u.id)
              AND NOT EXISTS (SELECT 1 FROM user_grid_scope s WHERE s.user_id = u.id AND @grid LIKE s.grid_code || '%')
            ORDER BY u.username LIMIT 1
            """);
        command.Parameters.AddWithValue("grid", grid);
        var username = await command.ExecuteScalarAsync() as string;
        Assert.NotNull(username);
        return username;
    }
}
