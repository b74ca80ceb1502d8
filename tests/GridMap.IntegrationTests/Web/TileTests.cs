using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.IntegrationTests.Infrastructure;

namespace GridMap.IntegrationTests.Web;

public sealed class TileTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(JsonElement Grid, double Lon, double Lat)> AThirdLevelGridAsync(HttpClient client)
    {
        var grids = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/grids?level=3", Ct);
        var grid = grids![grids.Length / 2];
        var bbox = grid.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return (grid, (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2);
    }

    private static async Task<NetTopologySuite.IO.VectorTiles.VectorTile> GetTileAsync(HttpClient client, string layer, int z, int x, int y)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tiles/{layer}/{z}/{x}/{y}.mvt");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        return MvtTile.Decode(await response.Content.ReadAsByteArrayAsync(Ct), gzipped: true, z, x, y);
    }

    [Fact]
    public async Task A_grid_tile_holds_the_three_levels_and_their_labels()
    {
        using var client = await app.SignedInAsync("command");
        var (grid, lon, lat) = await AThirdLevelGridAsync(client);
        var (x, y) = MvtTile.TileAt(lon, lat, 15);

        var tile = await GetTileAsync(client, "grids", 15, x, y);

        var polygons = tile.Layers.Single(l => l.Name == "grids").Features;
        var labels = tile.Layers.Single(l => l.Name == "grid_labels").Features;
        Assert.Equal([1, 2, 3], polygons.Select(f => Convert.ToInt32(f.Attributes["level"])).Distinct().Order());
        Assert.Contains(polygons, f => (string)f.Attributes["code"] == grid.GetProperty("code").GetString());
        Assert.All(polygons, f => Assert.False(string.IsNullOrEmpty((string)f.Attributes["name"])));
        Assert.All(polygons, f => Assert.Contains(f.Geometry.OgcGeometryType, new[] { NetTopologySuite.Geometries.OgcGeometryType.Polygon, NetTopologySuite.Geometries.OgcGeometryType.MultiPolygon }));
        Assert.NotEmpty(labels);
    }

    [Fact]
    public async Task Low_zooms_carry_only_first_level_grids()
    {
        using var client = await app.SignedInAsync("command");
        var (_, lon, lat) = await AThirdLevelGridAsync(client);
        var (x, y) = MvtTile.TileAt(lon, lat, 11);

        var tile = await GetTileAsync(client, "grids", 11, x, y);

        Assert.All(tile.Layers.Single(l => l.Name == "grids").Features, f => Assert.Equal(1, Convert.ToInt32(f.Attributes["level"])));
    }

    [Fact]
    public async Task A_building_tile_has_buildings_with_their_attributes()
    {
        using var client = await app.SignedInAsync("command");
        var (_, lon, lat) = await AThirdLevelGridAsync(client);
        var (x, y) = MvtTile.TileAt(lon, lat, 16);

        var tile = await GetTileAsync(client, "buildings", 16, x, y);

        var buildings = tile.Layers.Single(l => l.Name == "buildings").Features;
        Assert.NotEmpty(buildings);
        Assert.All(buildings, f =>
        {
            Assert.False(string.IsNullOrEmpty((string)f.Attributes["kind"]));
            Assert.False(string.IsNullOrEmpty((string)f.Attributes["mode"]));
            Assert.True(Convert.ToInt32(f.Attributes["floors"]) > 0);
        });
    }

    [Fact]
    public async Task The_base_layer_has_roads()
    {
        using var client = await app.SignedInAsync("command");
        var (_, lon, lat) = await AThirdLevelGridAsync(client);
        var (x, y) = MvtTile.TileAt(lon, lat, 14);

        var tile = await GetTileAsync(client, "base", 14, x, y);

        Assert.Contains(tile.Layers, l => l.Name == "roads" && l.Features.Count > 0);
    }

    [Fact]
    public async Task A_revalidated_tile_is_not_modified()
    {
        using var client = await app.SignedInAsync("command");
        var (_, lon, lat) = await AThirdLevelGridAsync(client);
        var (x, y) = MvtTile.TileAt(lon, lat, 15);
        var first = await client.GetAsync($"/tiles/grids/15/{x}/{y}.mvt", Ct);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/tiles/grids/15/{x}/{y}.mvt");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Contains("private", first.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_grid_leaders_tiles_hold_only_their_grids()
    {
        using var command = await app.SignedInAsync("command");
        var villages = (await command.GetFromJsonAsync<JsonElement[]>("/api/v1/grids?level=1", Ct))!
            .Select(g => g.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToArray();
        using var leader = await app.SignedInAsync("leader01");
        var extent = (await command.GetFromJsonAsync<JsonElement[]>("/api/v1/grids?level=1", Ct))!
            .Select(g => g.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var (x, y) = MvtTile.TileAt((extent.Min(b => b[0]) + extent.Max(b => b[2])) / 2, (extent.Min(b => b[1]) + extent.Max(b => b[3])) / 2, 12);

        var all = await GetTileAsync(command, "grids", 12, x, y);
        var own = await GetTileAsync(leader, "grids", 12, x, y);

        Assert.True(all.Layers.Single(l => l.Name == "grids").Features.Count > own.Layers.Single(l => l.Name == "grids").Features.Count);
        Assert.All(own.Layers.Single(l => l.Name == "grids").Features, f => Assert.StartsWith(villages[0], (string)f.Attributes["code"]));
    }

    [Theory]
    [InlineData("/tiles/roads/14/1/1.mvt", HttpStatusCode.NotFound)]
    [InlineData("/tiles/grids/14/16384/1.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/grids/23/1/1.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/grids/14/-1/1.mvt", HttpStatusCode.BadRequest)]
    [InlineData("/tiles/grids/a/1/1.mvt", HttpStatusCode.BadRequest)]
    public async Task Bad_tile_requests_are_refused(string path, HttpStatusCode expected)
    {
        using var client = await app.SignedInAsync("command");

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_empty_tile_is_no_content()
    {
        using var client = await app.SignedInAsync("command");

        var response = await client.GetAsync("/tiles/buildings/16/0/0.mvt", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
