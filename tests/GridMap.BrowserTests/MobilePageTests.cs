using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using GridMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace GridMap.BrowserTests;

/// <summary>
/// The officers' mobile page at phone size (390×844) with the phone's position granted: an
/// officer reports a hazard with a photo, sees the task, and accepts, starts and handles it with
/// an evidence photo; the API then shows the case handled with the positions and photos.
/// </summary>
public sealed class MobilePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    public ValueTask DisposeAsync() => fixture.AfterTestAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An interior point of a third-level grid in officer01's scope, and officer01's officer id.</summary>
    private async Task<(double Lat, double Lon, long OfficerId)> OfficerPlaceAsync(string username)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            """
            SELECT ST_Y(ST_PointOnSurface(g.boundary)), ST_X(ST_PointOnSurface(g.boundary)), u.officer_id
            FROM app_user u
            JOIN user_grid_scope s ON s.user_id = u.id
            JOIN grid g ON g.code LIKE s.grid_code || '%' AND g.level = 3 AND g.valid_to IS NULL
            WHERE u.username = @username
            ORDER BY g.code LIMIT 1
            """);
        command.Parameters.AddWithValue("username", username);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"{username} has no third-level grid");
        return (reader.GetDouble(0), reader.GetDouble(1), reader.GetInt64(2));
    }

    private Task<HttpClient> ApiAsync(string username) => fixture.ApiClientAsync(username, TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_officer_reports_with_a_photo_then_accepts_starts_and_handles_the_task()
    {
        var (lat, lon, officerId) = await OfficerPlaceAsync("officer01");
        var page = await fixture.PhoneAsync("officer01", lat, lon);
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-01-tasks-before.png"), FullPage = true });

        // 上报: position, category, description, a photo from the "camera".
        await page.ClickAsync("[data-testid=tab-report]");
        await page.WaitForSelectorAsync("[data-testid=report-position][data-state=ok]");
        Assert.Contains("±8", await page.TextContentAsync("[data-testid=report-position]"));

        // An empty report: every field's error at once, in Chinese, before anything is sent.
        var posted = false;
        page.Request += (_, request) => posted |= request.Method == "POST" && request.Url.Contains("/api/v1/cases", StringComparison.Ordinal);
        await page.ClickAsync("[data-testid=report-submit]");
        Assert.Equal("请填写事件类型", (await page.TextContentAsync("[data-error-for=category]"))?.Trim());
        Assert.Equal("请填写情况描述", (await page.TextContentAsync("[data-error-for=description]"))?.Trim());
        Assert.False(posted, "an empty report was posted");
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-02a-report-empty.png"), FullPage = true });

        await page.SelectOptionAsync("[data-testid=report-category]", "env_dumping");
        await page.FillAsync("[data-testid=report-description]", "巷口堆放建筑垃圾，占用消防通道");
        await page.SetInputFilesAsync("[data-testid=report-photos]", new FilePayload { Name = "scene.png", MimeType = "image/png", Buffer = TestPng.Create(64, 48, 0x2a7ab0) });
        await page.WaitForSelectorAsync("[data-testid=photo-preview]");
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-02-report-filled.png"), FullPage = true });
        await page.ClickAsync("[data-testid=report-submit]");
        var result = await page.WaitForSelectorAsync("[data-testid=report-result]:not([hidden])");
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-03-report-filed.png"), FullPage = true });
        var caseId = long.Parse((await result!.GetAttributeAsync("data-case"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("441302", await page.TextContentAsync("[data-result=number]"));
        Assert.NotEqual("", (await page.TextContentAsync("[data-result=deadline]"))?.Trim());

        // The report was verified and dispatched by rule to whoever is on shift now; make sure it
        // is this officer's task (the real clock decides who is on shift).
        using var command = await ApiAsync("command");
        var filed = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        Assert.Equal("mobile", filed.GetProperty("source").GetString());
        var state = filed.GetProperty("state").GetString();
        var assignee = filed.GetProperty("assignee").ValueKind == JsonValueKind.Null ? (long?)null : filed.GetProperty("assignee").GetProperty("officerId").GetInt64();
        if (assignee != officerId)
        {
            var move = await command.PostAsJsonAsync($"/api/v1/cases/{caseId}/transitions",
                state == "verified"
                    ? new { action = "dispatch", note = "派给上报人", assigneeOfficerId = officerId }
                    : (object)new { action = "reassign", note = "由上报人处置", assigneeOfficerId = officerId }, Ct);
            Assert.True(move.IsSuccessStatusCode, await move.Content.ReadAsStringAsync(Ct));
        }

        // 我的任务: the new task is listed, with its deadline.
        await page.ClickAsync("[data-testid=tab-tasks]");
        var task = page.Locator($"[data-testid=task][data-case='{caseId}']");
        await task.WaitForAsync();
        Assert.Equal("dispatched", await task.GetAttributeAsync("data-state"));
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-04-tasks.png"), FullPage = true });

        await task.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=task-detail][data-state=dispatched]");
        await page.WaitForSelectorAsync("[data-testid=task-photos] img");
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-05-task-dispatched.png"), FullPage = true });
        await page.ClickAsync("[data-testid=action-accept]");
        await page.WaitForSelectorAsync("[data-testid=task-detail][data-state=accepted]");
        await page.ClickAsync("[data-testid=action-start]");
        await page.WaitForSelectorAsync("[data-testid=task-detail][data-state=in_handling]");

        // Handle without a photo is refused on the page; with one it goes through.
        await page.ClickAsync("[data-testid=action-handle]");
        Assert.Contains("至少一张", await page.TextContentAsync("[data-error-for=photo]"));
        await page.SetInputFilesAsync("[data-testid=evidence]", new FilePayload { Name = "done.png", MimeType = "image/png", Buffer = TestPng.Create(48, 64, 0x3a9a50) });
        await page.FillAsync("textarea[name=note]", "垃圾已清运，通道恢复畅通");
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-06-handle-filled.png"), FullPage = true });
        await page.ClickAsync("[data-testid=action-handle]");
        await page.WaitForSelectorAsync("[data-testid=task-detail][data-state=handled]");
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-07-task-handled.png"), FullPage = true });

        var handled = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        Assert.Equal("handled", handled.GetProperty("state").GetString());
        var events = handled.GetProperty("timeline").EnumerateArray().ToList();
        var handleEvent = events.Single(e => e.GetProperty("action").GetString() == "handle");
        Assert.Equal("垃圾已清运，通道恢复畅通", handleEvent.GetProperty("note").GetString());
        foreach (var action in new[] { "accept", "start", "handle" })
        {
            var e = events.Single(x => x.GetProperty("action").GetString() == action);
            Assert.Equal(lat, e.GetProperty("lat").GetDouble(), 4);
            Assert.Equal(lon, e.GetProperty("lon").GetDouble(), 4);
        }

        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM case_photo WHERE case_id = {caseId}", Ct));
    }

    [Fact]
    public async Task A_task_dispatched_while_the_list_is_open_appears_marked_new_and_the_list_says_when_it_is_offline()
    {
        var (lat, lon, officerId) = await OfficerPlaceAsync("officer03");
        var page = await fixture.PhoneAsync("officer03", lat, lon);
        // The page's timers run on a clock the test moves; fetches and the server stay real.
        await page.Clock.InstallAsync();
        await page.ReloadAsync();
        var section = page.Locator("[data-testid=mobile-tasks]");
        Assert.Equal("30", await section.GetAttributeAsync("data-refresh-seconds"));
        var sync = page.Locator("[data-testid=tasks-sync]");
        Assert.Contains("已更新", await sync.InnerTextAsync());
        var before = int.Parse(await page.InnerTextAsync("[data-testid=task-count]"), System.Globalization.CultureInfo.InvariantCulture);

        // The command centre files a case in the officer's grid and dispatches it to them.
        using var command = await ApiAsync("command");
        var created = await command.PostAsJsonAsync("/api/v1/cases",
            new { lat, lon, category = "fire_escape_blocked", description = "楼梯间堆放杂物，堵塞疏散通道" }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        var filed = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var caseId = filed.GetProperty("id").GetInt64();
        var assignee = filed.GetProperty("assignee").ValueKind == JsonValueKind.Null ? (long?)null : filed.GetProperty("assignee").GetProperty("officerId").GetInt64();
        if (assignee != officerId)
        {
            var state = filed.GetProperty("state").GetString();
            var move = await command.PostAsJsonAsync($"/api/v1/cases/{caseId}/transitions",
                state == "verified"
                    ? new { action = "dispatch", note = "派给本网格网格员", assigneeOfficerId = officerId }
                    : (object)new { action = "reassign", note = "由本网格网格员处置", assigneeOfficerId = officerId }, Ct);
            Assert.True(move.IsSuccessStatusCode, await move.Content.ReadAsStringAsync(Ct));
        }

        // Nothing changes until the list asks again; half a minute later it has the task, marked new.
        Assert.Equal(0, await page.Locator($"[data-testid=task][data-case='{caseId}']").CountAsync());
        await page.Clock.RunForAsync(31_000);
        var task = page.Locator($"[data-testid=task][data-case='{caseId}'].gm-m-task-new");
        await task.WaitForAsync();
        Assert.Contains("新", await task.InnerTextAsync());
        Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("[data-testid=task-count]"));
        Assert.Contains("收到 1 个新任务", await sync.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-09-new-task-arrived.png"), FullPage = true });

        // Without a network the list stays and says from when it is; back online it catches up.
        await page.Context.SetOfflineAsync(true);
        await page.Locator("[data-testid=tasks-sync][data-state=offline]").WaitForAsync();
        Assert.Contains("离线", await sync.InnerTextAsync());
        Assert.Equal(1, await task.CountAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-10-offline.png"), FullPage = true });
        await page.Context.SetOfflineAsync(false);
        await page.Locator("[data-testid=tasks-sync][data-state=online]").WaitForAsync();
        Assert.Equal(1, await task.CountAsync());
    }

    [Fact]
    public async Task Without_the_position_permission_the_report_says_so_and_cannot_be_sent()
    {
        var (lat, lon, _) = await OfficerPlaceAsync("officer02");
        var page = await fixture.PhoneAsync("officer02", lat, lon, grantPosition: false);

        await page.ClickAsync("[data-testid=tab-report]");
        await page.WaitForSelectorAsync("[data-testid=report-position][data-state=error]");

        Assert.Contains("定位权限被拒绝", await page.TextContentAsync("[data-testid=report-position]"));
        Assert.True(await page.IsDisabledAsync("[data-testid=report-submit]"));
        await page.ScreenshotAsync(new() { Path = Screenshot("mobile-08-position-denied.png"), FullPage = true });
    }
}

/// <summary>A real (decodable) PNG of one colour, so the browser can preview it.</summary>
internal static class TestPng
{
    public static byte[] Create(int width, int height, int rgb)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                // A diagonal stripe so that two pictures of one colour still differ by size.
                var shade = (x + y) % 16 < 8 ? 0 : 40;
                raw[row + 1 + x * 3] = (byte)Math.Min(255, (rgb >> 16 & 0xFF) + shade);
                raw[row + 2 + x * 3] = (byte)Math.Min(255, (rgb >> 8 & 0xFF) + shade);
                raw[row + 3 + x * 3] = (byte)Math.Min(255, (rgb & 0xFF) + shade);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        stream.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
