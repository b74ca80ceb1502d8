using System.Diagnostics;
using GridMap.Tools.Simulation;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridMap.IntegrationTests.Simulation;

/// <summary>
/// The simulator against the real application (in memory) over a copy of the demo district: its
/// officers' phones report through the public APIs, and the positions land in officer_position
/// inside the officers' own grids.
/// </summary>
public sealed class SimulatorTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<PatrolSimulator> SimulatorAsync(SimulationOptions options, HttpClient http)
    {
        var world = await PatrolWorld.LoadAsync(app.Database.ConnectionString, DemoDistrict.Password, options.Officers, options.Seed, Ct);
        return new PatrolSimulator(world, options, http, TimeProvider.System, NullLogger.Instance);
    }

    [Fact]
    public async Task Officers_report_through_OsmAnd_and_the_batch_API_and_stay_in_their_grids()
    {
        var server = app.Factory.Server;
        using var handler = server.CreateHandler();
        using var http = SimulateCommand.CreateClient(handler, server.BaseAddress);
        var options = new SimulationOptions
        {
            Officers = 12, Interval = TimeSpan.FromSeconds(1), OsmAndShare = 0.5, StrayShare = 0, Seed = 3,
            Duration = TimeSpan.FromSeconds(4), Url = server.BaseAddress,
        };
        var simulator = await SimulatorAsync(options, http);

        var totals = await simulator.RunAsync(Ct);

        Assert.True(totals.Sent >= 12 * 3, $"only {totals.Sent} reports sent");
        Assert.Equal((totals.Sent, 0L, 0L), (totals.Accepted, totals.Rejected, totals.Failed));
        Assert.True(totals.OsmAnd > 0 && totals.Batch > 0);

        var devices = simulator.Officers.Select(o => o.Device.DeviceId).ToArray();
        await using var command = app.Database.DataSource.CreateCommand(
            """
            SELECT p.device_id,
                   count(*),
                   count(*) FILTER (WHERE ST_Contains(g.boundary, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))),
                   count(*) FILTER (WHERE p.time = date_trunc('second', p.time)),
                   min(p.speed_mps), max(p.speed_mps)
            FROM officer_position p
            JOIN unnest(@devices::text[], @grids::text[]) AS d(device_id, grid_code) ON d.device_id = p.device_id
            JOIN grid g ON g.code = d.grid_code AND g.valid_to IS NULL
            GROUP BY p.device_id
            """);
        command.Parameters.AddWithValue("devices", devices);
        command.Parameters.AddWithValue("grids", simulator.Officers.Select(o => o.Device.GridCode).ToArray());
        var rows = new Dictionary<string, (long Count, long Inside, long WholeSeconds, float MinSpeed, float MaxSpeed)>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetFloat(4), reader.GetFloat(5));
            }
        }

        // Every officer reported, several times, from inside their own grid.
        Assert.Equal(devices.Order(), rows.Keys.Order());
        foreach (var officer in simulator.Officers)
        {
            var row = rows[officer.Device.DeviceId];
            Assert.True(row.Count >= 3, $"{officer.Device.DeviceId}: {row.Count} positions");
            Assert.Equal(row.Count, row.Inside);
            Assert.InRange(row.MaxSpeed, 0, 2.0);
        }

        // Half of them through OsmAnd, which carries whole seconds (the batch API carries milliseconds).
        var osmAnd = simulator.Officers.Where(o => o.Protocol == ReportProtocol.OsmAnd).ToList();
        Assert.Equal(6, osmAnd.Count);
        Assert.All(osmAnd, o => Assert.Equal(rows[o.Device.DeviceId].Count, rows[o.Device.DeviceId].WholeSeconds));
        Assert.Contains(simulator.Officers.Where(o => o.Protocol == ReportProtocol.Batch),
            o => rows[o.Device.DeviceId].WholeSeconds < rows[o.Device.DeviceId].Count);
    }

    [Fact]
    public async Task Cancelling_stops_the_simulation_promptly_with_its_totals()
    {
        var server = app.Factory.Server;
        using var handler = server.CreateHandler();
        using var http = SimulateCommand.CreateClient(handler, server.BaseAddress);
        var options = new SimulationOptions { Officers = 5, Interval = TimeSpan.FromSeconds(1), Seed = 4, Url = server.BaseAddress };
        var simulator = await SimulatorAsync(options, http);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(2.5));

        var watch = Stopwatch.StartNew();
        var totals = await simulator.RunAsync(stop.Token);

        Assert.InRange(watch.Elapsed.TotalSeconds, 2.4, 6);
        Assert.InRange(totals.Sent, 10, 20);
        Assert.Equal(totals.Sent, totals.Accepted);
        Assert.Equal(totals.Sent, simulator.Minutes.Sum(m => m.Sent));
    }
}
