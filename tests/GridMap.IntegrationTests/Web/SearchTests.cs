using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GridMap.IntegrationTests.Web;

/// <summary>
/// The map's search box (/fragments/search) finds what a person types: a case number, an officer,
/// a landlord, a grid or an address, each within the caller's scope and each opening its panel.
/// </summary>
public sealed partial class SearchTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> SearchAsync(HttpClient client, string text)
    {
        var response = await client.GetAsync("/fragments/search?q=" + Uri.EscapeDataString(text), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static string[] Selections(string html) =>
        [.. SelectionAttribute().Matches(html).Select(m => m.Groups[1].Value)];

    private async Task<(long Id, string Name, string Grid)> OfficerAsync(string gridPrefix)
    {
        await using var command = app.Database.DataSource.CreateCommand(
            """
            SELECT o.id, o.name, a.grid_code FROM officer o
            JOIN officer_assignment a ON a.officer_id = o.id AND a.until IS NULL
            WHERE a.grid_code LIKE @prefix || '%' AND a.role = 'grid_officer'
            ORDER BY o.id LIMIT 1
            """);
        command.Parameters.AddWithValue("prefix", gridPrefix);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
    }

    private async Task<(long BuildingId, string Landlord)> RentalAsync(string gridPrefix)
    {
        await using var command = app.Database.DataSource.CreateCommand(
            """
            SELECT b.id, r.landlord_name FROM rental_house r JOIN building b ON b.id = r.building_id
            WHERE b.grid_code LIKE @prefix || '%'
              -- A name only this house's landlord has, so the hit is unambiguous.
              AND (SELECT count(*) FROM rental_house o WHERE o.landlord_name = r.landlord_name) = 1
            ORDER BY b.id LIMIT 1
            """);
        command.Parameters.AddWithValue("prefix", gridPrefix);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(0), reader.GetString(1));
    }

    [Fact]
    public async Task A_case_number_an_officer_and_a_landlord_are_found_and_open_their_panels()
    {
        using var command = await app.SignedInAsync("command");
        var officer = await OfficerAsync("441302010001");
        await using (var point = app.Database.DataSource.CreateCommand(
            "SELECT ST_Y(ST_PointOnSurface(boundary)), ST_X(ST_PointOnSurface(boundary)) FROM grid WHERE code = @code AND valid_to IS NULL"))
        {
            point.Parameters.AddWithValue("code", officer.Grid);
            await using var reader = await point.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            var filed = await command.PostAsJsonAsync("/api/v1/cases",
                new { lat = reader.GetDouble(0), lon = reader.GetDouble(1), category = "env_dumping", description = "搜索测试：楼下堆放建筑垃圾" }, Ct);
            Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
            var created = await filed.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var number = created.GetProperty("number").GetString()!;
            var id = created.GetProperty("id").GetInt64();

            // The number's serial part alone, as someone reads it off a notice, finds the case.
            Assert.Contains($"case:{id}", Selections(await SearchAsync(command, number[^10..])));
            Assert.Contains($"case:{id}", Selections(await SearchAsync(command, "建筑垃圾")));
        }

        Assert.Contains($"officer:{officer.Id}", Selections(await SearchAsync(command, officer.Name)));
        var panel = await command.GetAsync($"/fragments/officers/{officer.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, panel.StatusCode);

        var rental = await RentalAsync("441302010002");
        var html = await SearchAsync(command, rental.Landlord);
        Assert.Contains($"building:{rental.BuildingId}", Selections(html));
        Assert.Contains("房东", html);
    }

    [Fact]
    public async Task A_grid_leader_finds_nothing_of_another_village()
    {
        using var leader = await app.SignedInAsync("leader01");
        var ownOfficer = await OfficerAsync("441302010001");
        var otherOfficer = await OfficerAsync("441302010002");
        var otherRental = await RentalAsync("441302010002");

        Assert.Contains($"officer:{ownOfficer.Id}", Selections(await SearchAsync(leader, ownOfficer.Name)));
        Assert.DoesNotContain($"officer:{otherOfficer.Id}", Selections(await SearchAsync(leader, otherOfficer.Name)));
        Assert.DoesNotContain($"building:{otherRental.BuildingId}", Selections(await SearchAsync(leader, otherRental.Landlord)));
    }

    [GeneratedRegex("data-select=\"([a-z]+:[0-9]+)\"")]
    private static partial Regex SelectionAttribute();
}
