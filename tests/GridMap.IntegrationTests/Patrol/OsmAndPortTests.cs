using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using static GridMap.IntegrationTests.Patrol.PatrolTestKit;

namespace GridMap.IntegrationTests.Patrol;

/// <summary>The dedicated OsmAnd port: any path on it is OsmAnd, nothing else is served there.</summary>
public sealed class OsmAndPortTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private GridMapAppFactory _app = null!;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        _database = await DemoDistrict.CreateAsync(Ct);
        _port = FreePort();
        _app = new GridMapAppFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Patrol:OsmAndPort"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Patrol:OsmAndBindAddress"] = "127.0.0.1",
        });
        _app.UseKestrel(0);
        _app.StartServer();
    }

    [Fact]
    public async Task Traccar_Client_can_report_to_the_root_of_the_dedicated_port()
    {
        var device = (await DemoDevicesAsync(_database))[0];
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };

        // One clock reading: two would fall in the same second now and then, making the second a duplicate.
        var now = Now();
        var root = await client.PostAsync($"/?id={device.DeviceId}&timestamp={now.ToUnixTimeSeconds()}&lat=23.1&lon=114.4&speed=3", null, Ct);
        var anyPath = await client.GetAsync($"/whatever?id={device.DeviceId}&timestamp={now.AddSeconds(-1).ToUnixTimeSeconds()}&lat=23.1&lon=114.4", Ct);
        var unknown = await client.GetAsync("/?id=nobody&lat=23.1&lon=114.4", Ct);
        var noPages = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anyPath.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPages.StatusCode); // OsmAnd without an id, not the health page
        Assert.Equal(2, await CountPositionsAsync(_database, device.DeviceId));
    }

    [Fact]
    public async Task The_main_port_still_serves_the_console()
    {
        // The factory's base address is not set when the server has two addresses; take the main one.
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var main = addresses.Single(a => !a.EndsWith($":{_port}", StringComparison.Ordinal));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(main) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class OsmAndPortResolutionTests
{
    [Fact]
    public void A_test_host_gets_no_port_unless_it_asks_for_one()
    {
        Assert.Null(GridMap.Web.Patrol.OsmAndPortStartupFilter.ResolvePort(new GridMap.Web.Patrol.PatrolOptions()));
        Assert.Null(GridMap.Web.Patrol.OsmAndPortStartupFilter.ResolvePort(new GridMap.Web.Patrol.PatrolOptions { OsmAndPort = 0 }));
        Assert.Equal(5055, GridMap.Web.Patrol.OsmAndPortStartupFilter.ResolvePort(new GridMap.Web.Patrol.PatrolOptions { OsmAndPort = 5055 }));
    }
}
