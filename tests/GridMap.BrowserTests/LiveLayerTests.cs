using System.Globalization;
using System.Text.Json;
using GridMap.BrowserTests.Infrastructure;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using GridMap.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace GridMap.BrowserTests;

/// <summary>
/// The live layer in Chromium: officers moving on the map as positions are published, the
/// geofence alert, the officer panel, track replay and patrol coverage. Positions go through
/// the in-process <see cref="LiveOfficerTracker"/> and <see cref="PositionFeed"/>, exactly where ingest
/// records and publishes committed batches.
/// </summary>
public sealed class LiveLayerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const double Metre = 1.0 / 111_195;

    private sealed record Officer(long Id, string Name, string GridCode, double Lon, double Lat);

    private IServiceProvider Services => fixture.App.Services;

    private void Publish(params OfficerPosition[] positions)
    {
        Services.GetRequiredService<LiveOfficerTracker>().Record(positions);
        Services.GetRequiredService<PositionFeed>().Publish(positions);
    }

    private static OfficerPosition At(Officer o, double lon, double lat, DateTimeOffset time, double heading = 0) =>
        new(o.Id, $"dev-{o.Id}", time, lat, lon, SpeedMps: 1.3, Heading: heading, Battery: 76);

    private async Task<string[]> VillagesAsync()
    {
        var codes = new List<string>();
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT code FROM grid WHERE level = 1 AND valid_to IS NULL ORDER BY code");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }

        return [.. codes];
    }

    private async Task<Officer> GridOfficerAsync(string village, int skip)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            """
            SELECT o.id, o.name, a.grid_code, ST_X(g.label_point), ST_Y(g.label_point)
            FROM officer_assignment a
            JOIN officer o ON o.id = a.officer_id
            JOIN grid g ON g.code = a.grid_code AND g.valid_to IS NULL
            WHERE a.grid_code LIKE @village || '%' AND g.level = 3 AND a.role = 'grid_officer'
            ORDER BY o.id OFFSET @skip LIMIT 1
            """);
        command.Parameters.AddWithValue("village", village);
        command.Parameters.AddWithValue("skip", skip);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new Officer(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetDouble(4));
    }

    private async Task PutOnCallAsync(long officerId)
    {
        var directory = Services.GetRequiredService<OfficerDirectory>();
        var before = directory.Version;
        await using (var command = fixture.Database.DataSource.CreateCommand(
            """
            UPDATE officer_assignment SET shift = 'on_call' WHERE officer_id = @id;
            UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
            """))
        {
            command.Parameters.AddWithValue("id", officerId);
            await command.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < 200 && directory.Version == before; i++)
        {
            await Task.Delay(100);
        }

        Assert.NotEqual(before, directory.Version);
    }

    private async Task StoreAsync(IReadOnlyList<OfficerPosition> positions)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        foreach (var day in positions.Select(p => DateOnly.FromDateTime(p.Time.UtcDateTime)).Distinct())
        {
            await using var ensure = new NpgsqlCommand("SELECT officer_position_ensure_partition(@day)", connection);
            ensure.Parameters.AddWithValue("day", day);
            await ensure.ExecuteScalarAsync();
        }

        foreach (var p in positions)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO officer_position (device_id, officer_id, time, lat, lon, speed_mps, heading, battery, received_at)
                VALUES (@device, @officer, @time, @lat, @lon, 1.3, @heading, 76, now())
                """, connection);
            insert.Parameters.AddWithValue("device", p.DeviceId);
            insert.Parameters.AddWithValue("officer", p.OfficerId);
            insert.Parameters.AddWithValue("time", p.Time.ToUniversalTime());
            insert.Parameters.AddWithValue("lat", p.Lat);
            insert.Parameters.AddWithValue("lon", p.Lon);
            insert.Parameters.AddWithValue("heading", (float)(p.Heading ?? 0));
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The map fitted around the places (officers must be in the viewport to be sent).</summary>
    private async Task<IPage> OpenMapAroundAsync(params (double Lon, double Lat)[] places)
    {
        var page = await OpenMapAsync(places.Average(p => p.Lon), places.Average(p => p.Lat), 15);
        await page.EvaluateAsync(
            "b => { window.gridmap.map.fitBounds(b, { padding: 120, duration: 0, maxZoom: 16 }); }",
            new[] { new[] { places.Min(p => p.Lon), places.Min(p => p.Lat) }, new[] { places.Max(p => p.Lon), places.Max(p => p.Lat) } });
        // The new viewport reaches the hub after the debounce.
        await page.WaitForTimeoutAsync(800);
        return page;
    }

    private async Task<IPage> OpenMapAsync(double lon, double lat, double zoom)
    {
        var page = await fixture.SignInAsync("command");
        await page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"{fixture.BaseUrl}/?z={zoom}&lat={lat}&lon={lon}"));
        await page.WaitForFunctionAsync("() => window.gridmap && window.gridmapLive", null, new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => window.gridmap.ready");
        // Connected, and the viewport told to the hub (moveend after load is debounced by 200 ms).
        await page.WaitForFunctionAsync("() => window.gridmapLive.status() === 'live'", null, new() { Timeout = 20_000 });
        await page.WaitForTimeoutAsync(600);
        return page;
    }

    /// <summary>Screen positions of the officers' markers as MapLibre rendered them.</summary>
    private static async Task<Dictionary<long, double[]>> MarkersOnScreenAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const map = window.gridmap.map;
              return map.queryRenderedFeatures({ layers: ['live-officers'] }).map(f => {
                const p = map.project(f.geometry.coordinates);
                return [f.properties.officerId, p.x, p.y];
              });
            }
            """);
        return json.EnumerateArray()
            .Select(e => e.EnumerateArray().Select(v => v.GetDouble()).ToArray())
            .GroupBy(a => (long)a[0])
            .ToDictionary(g => g.Key, g => g.First()[1..]);
    }

    private static async Task WaitForOfficersAsync(IPage page, IEnumerable<long> ids)
    {
        try
        {
            await page.WaitForFunctionAsync(
                """
                ids => {
                  const shown = window.gridmapLive.officers();
                  const drawn = new Set(window.gridmap.map.queryRenderedFeatures({ layers: ['live-officers'] }).map(f => f.properties.officerId));
                  return ids.every(id => drawn.has(id) && shown.some(o => o.officerId === id));
                }
                """,
                ids.ToArray(),
                new() { Timeout = 15_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            // Say what the page had, not only that it timed out.
            var state = await page.EvaluateAsync<string>(
                """
                () => JSON.stringify({
                  status: window.gridmapLive.status(),
                  officers: window.gridmapLive.officers().slice(0, 20),
                  drawn: window.gridmap.map.queryRenderedFeatures({ layers: ['live-officers'] }).map(f => f.properties.officerId),
                  bounds: window.gridmap.map.getBounds().toArray(),
                  zoom: window.gridmap.map.getZoom(),
                  layers: window.gridmap.map.getStyle().layers.filter(l => l.id.startsWith('live')).map(l => l.id + ':' + (l.layout && l.layout.visibility)),
                  styleLoaded: window.gridmap.map.isStyleLoaded(),
                  visibility: document.visibilityState,
                  images: window.gridmap.map.listImages().filter(i => i.startsWith('live')),
                })
                """);
            await page.ScreenshotAsync(new() { Path = Screenshot("live-not-drawn.png") });
            throw new TimeoutException($"officers {string.Join(",", ids)} not drawn: {state}");
        }
    }

    [Fact]
    public async Task Officers_move_on_the_map_and_a_click_opens_their_panel()
    {
        var village = (await VillagesAsync())[0];
        // Two officers of a grid share its label point; each stands a little apart so that a click finds one.
        var officers = new[] { await GridOfficerAsync(village, 0), await GridOfficerAsync(village, 1), await GridOfficerAsync(village, 2) }
            .Select((o, i) => o with { Lon = o.Lon + i * 60 * Metre, Lat = o.Lat - i * 40 * Metre })
            .ToArray();
        var first = officers[0];
        var page = await OpenMapAroundAsync([.. officers.Select(o => (o.Lon, o.Lat + 60 * Metre))]);
        var ids = officers.Select(o => o.Id).ToArray();

        var t = DateTimeOffset.UtcNow;
        Publish(officers.Select(o => At(o, o.Lon, o.Lat, t, heading: 45)).ToArray());
        await WaitForOfficersAsync(page, ids);
        await page.WaitForTimeoutAsync(400);
        var before = await MarkersOnScreenAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("live-officers-1.png") });

        // Everyone walks about 80 m east-north-east.
        await page.WaitForTimeoutAsync(1100);
        var moved = officers.Select(o => At(o, o.Lon + 75 * Metre * 1.09, o.Lat + 30 * Metre, t.AddSeconds(5), heading: 70)).ToArray();
        Publish(moved);
        // Wait until the console holds the new positions, then for the glide to arrive there
        // (its pace depends on how busy the machine is, so poll rather than sleep).
        await page.WaitForFunctionAsync(
            "m => m.every(([id, lat]) => window.gridmapLive.officers().some(o => o.officerId === id && Math.abs(o.lat - lat) < 1e-7))",
            moved.Select(p => new object[] { p.OfficerId, p.Lat }).ToArray(),
            new() { Timeout = 15_000 });
        // Then until the markers stand still (the glide has ended), so the click below hits one.
        var after = await MarkersOnScreenAsync(page);
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await page.WaitForTimeoutAsync(250);
            var next = await MarkersOnScreenAsync(page);
            var settled = ids.All(id => after.ContainsKey(id) && next.ContainsKey(id)
                && Math.Abs(next[id][0] - after[id][0]) < 0.5 && Math.Abs(next[id][1] - after[id][1]) < 0.5);
            after = next;
            if (settled && ids.All(id => before.ContainsKey(id) && after[id][0] - before[id][0] > 20))
            {
                break;
            }
        }
        await page.ScreenshotAsync(new() { Path = Screenshot("live-officers-2.png") });

        foreach (var id in ids)
        {
            Assert.True(before.ContainsKey(id) && after.ContainsKey(id), $"officer {id} not drawn");
            var dx = after[id][0] - before[id][0];
            var dy = after[id][1] - before[id][1];
            Assert.True(dx > 20 && dy < 0, $"officer {id} moved by ({dx:0.0}, {dy:0.0}) px");
        }

        var status = await page.Locator("#live-status").InnerTextAsync();
        Assert.Contains("实时", status);

        // Click the first officer's marker: their panel opens, not the building or grid under it.
        // On a loaded machine a frame can still be pending when the first click lands; the marker
        // is then found where it is drawn now, and clicked again.
        var box = (await page.Locator("#map canvas").First.BoundingBoxAsync())!;
        var panel = page.Locator("#panel [data-panel='officer']");
        for (var click = 0; click < 3; click++)
        {
            var at = click == 0 ? after : await MarkersOnScreenAsync(page);
            await page.Mouse.ClickAsync((float)(box.X + at[first.Id][0]), (float)(box.Y + at[first.Id][1]));
            try
            {
                await panel.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (click < 2)
            {
            }
        }

        await Assertions.Expect(panel).ToContainTextAsync(first.Name, new() { Timeout = 10_000 });
        await Assertions.Expect(panel).ToContainTextAsync("专职网格员");
        await Assertions.Expect(panel).ToContainTextAsync("回放轨迹");
        await Assertions.Expect(panel.Locator("[data-testid='officer-battery']")).ToHaveTextAsync("76%");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", "live");
        await page.ScreenshotAsync(new() { Path = Screenshot("live-officer-panel.png") });
    }

    [Fact]
    public async Task An_officer_leaving_their_grid_raises_an_alert_on_the_page_and_returning_clears_it()
    {
        var villages = await VillagesAsync();
        var officer = await GridOfficerAsync(villages[0], 3);
        var elsewhere = await GridOfficerAsync(villages[1], 0);
        await PutOnCallAsync(officer.Id);
        var page = await OpenMapAroundAsync((officer.Lon, officer.Lat), (elsewhere.Lon, elsewhere.Lat));

        var t = DateTimeOffset.UtcNow;
        Publish(At(officer, officer.Lon, officer.Lat, t));
        await WaitForOfficersAsync(page, [officer.Id]);
        Publish(At(officer, elsewhere.Lon, elsewhere.Lat, t.AddSeconds(5), heading: 120));
        Publish(At(officer, elsewhere.Lon + 0.0002, elsewhere.Lat, t.AddSeconds(10), heading: 120));

        var toast = page.Locator($"#live-toasts .gm-live-toast[data-officer='{officer.Id}'][data-kind='left_grid']");
        await Assertions.Expect(toast).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(toast).ToContainTextAsync($"{officer.Name} 离开所属网格");
        await Assertions.Expect(toast).ToContainTextAsync(elsewhere.GridCode);
        await page.WaitForFunctionAsync($"() => window.gridmapLive.officers().some(o => o.officerId === {officer.Id} && o.alert)");
        // The marker is ringed in red.
        await page.WaitForFunctionAsync(
            $"() => window.gridmap.map.queryRenderedFeatures({{ layers: ['live-officers-alert'] }}).some(f => f.properties.officerId === {officer.Id})",
            null, new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(1200);
        await page.ScreenshotAsync(new() { Path = Screenshot("live-alert.png") });

        Publish(At(officer, officer.Lon, officer.Lat, t.AddSeconds(15), heading: 300));
        var back = page.Locator($"#live-toasts .gm-live-toast[data-officer='{officer.Id}'][data-kind='returned']");
        await Assertions.Expect(back).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(back).ToContainTextAsync("已返回所属网格");
        await Assertions.Expect(toast).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync($"() => window.gridmapLive.officers().some(o => o.officerId === {officer.Id} && !o.alert)");
        await page.WaitForTimeoutAsync(1500); // the marker glides home
        await page.ScreenshotAsync(new() { Path = Screenshot("live-alert-cleared.png") });
    }

    [Fact]
    public async Task Replay_draws_the_track_with_its_stop_and_plays_it()
    {
        var village = (await VillagesAsync())[0];
        var officer = await GridOfficerAsync(village, 4);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var track = new List<OfficerPosition>();
        for (var i = 0; i < 30; i++)
        {
            track.Add(At(officer, officer.Lon + i * 6 * Metre, officer.Lat, start.AddSeconds(5 * i), heading: 90));
        }

        var door = track[^1];
        for (var i = 1; i <= 30; i++)
        {
            track.Add(At(officer, door.Lon + (i % 3) * Metre, door.Lat + (i % 2) * Metre, door.Time.AddSeconds(10 * i), heading: 90));
        }

        var leave = track[^1];
        for (var i = 1; i <= 30; i++)
        {
            track.Add(At(officer, leave.Lon, leave.Lat + i * 6 * Metre, leave.Time.AddSeconds(5 * i), heading: 0));
        }

        await StoreAsync(track);
        Publish(track[^1]);
        var page = await OpenMapAsync(officer.Lon, officer.Lat, 16);
        await WaitForOfficersAsync(page, [officer.Id]);

        await page.EvaluateAsync($"() => window.gridmapLive.openOfficer({officer.Id})");
        await page.Locator($"#panel [data-live-replay='{officer.Id}']").ClickAsync();
        await page.WaitForFunctionAsync($"() => window.gridmapLive.replay().points === {track.Count}", null, new() { Timeout = 15_000 });
        var replay = page.Locator("#live-replay");
        await Assertions.Expect(replay).ToBeVisibleAsync();
        await Assertions.Expect(replay).ToContainTextAsync(officer.Name);
        await Assertions.Expect(replay).ToContainTextAsync($"{track.Count} 个定位点 · 1 处停留");

        await replay.Locator("[data-speed='60']").ClickAsync();
        await page.WaitForFunctionAsync("() => window.gridmapLive.replay().progress > 0.3", null, new() { Timeout = 20_000 });
        await page.Locator("[data-replay-toggle]").ClickAsync();
        var state = await page.EvaluateAsync<JsonElement>("() => window.gridmapLive.replay()");
        Assert.False(state.GetProperty("playing").GetBoolean());
        Assert.Equal(1, state.GetProperty("stops").GetInt32());
        await page.WaitForTimeoutAsync(800);
        var drawn = await page.EvaluateAsync<int>(
            "() => window.gridmap.map.queryRenderedFeatures({ layers: ['live-replay-line', 'live-replay-stops', 'live-replay-marker'] }).length");
        Assert.True(drawn >= 3, $"{drawn} replay features drawn");
        await page.ScreenshotAsync(new() { Path = Screenshot("live-replay.png") });

        await replay.Locator("[data-replay-close]").ClickAsync();
        await Assertions.Expect(replay).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Coverage_colours_the_buildings_of_the_selected_grid()
    {
        var village = (await VillagesAsync())[0];
        var officer = await GridOfficerAsync(village, 5);
        var buildings = new List<(long Id, double Lon, double Lat)>();
        await using (var command = fixture.Database.DataSource.CreateCommand(
            "SELECT id, ST_X(centroid), ST_Y(centroid) FROM building WHERE grid_code = @code ORDER BY id"))
        {
            command.Parameters.AddWithValue("code", officer.GridCode);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                buildings.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2)));
            }
        }

        // A walk past the first third of the grid's buildings, a few minutes ago.
        var now = DateTimeOffset.UtcNow;
        var walk = buildings.Take(Math.Max(2, buildings.Count / 3))
            .Select((b, i) => At(officer, b.Lon, b.Lat, now.AddMinutes(-5).AddSeconds(i * 5)))
            .ToList();
        await StoreAsync(walk);
        var page = await OpenMapAsync(officer.Lon, officer.Lat, 16.5);

        await page.Locator("#live-layer-coverage").CheckAsync();
        await page.EvaluateAsync($"() => window.gridmap.select('grid:{officer.GridCode}')");
        var card = page.Locator("#live-coverage");
        await Assertions.Expect(card).ToContainTextAsync("今日已巡", new() { Timeout = 15_000 });
        var coverage = await page.EvaluateAsync<JsonElement>("() => window.gridmapLive.coverage()");
        Assert.Equal(buildings.Count, coverage.GetProperty("buildings").GetInt32());
        Assert.True(coverage.GetProperty("visited").GetInt32() >= walk.Count);
        await page.WaitForFunctionAsync("() => window.gridmap.map.loaded() && window.gridmap.map.areTilesLoaded()", null, new() { Timeout = 15_000 });
        await page.WaitForTimeoutAsync(800);
        var coloured = await page.EvaluateAsync<int>(
            "() => window.gridmap.map.queryRenderedFeatures({ layers: ['live-coverage-fill'] }).filter(f => f.state && f.state.coverage).length");
        Assert.True(coloured > 0, "no building coloured by coverage");
        await page.ScreenshotAsync(new() { Path = Screenshot("live-coverage.png") });
    }
}
