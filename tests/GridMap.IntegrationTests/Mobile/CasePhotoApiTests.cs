using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GridMap.IntegrationTests.Mobile;

/// <summary>Photo upload and read: limits, type sniffing, all-or-nothing, scope, caching.</summary>
[Collection(MobileCollection.Name)]
public sealed class CasePhotoApiTests(MobileApiApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> NewCaseAsync(HttpClient client, int place, string category)
    {
        var (_, lat, lon) = await app.PlaceAsync(place);
        var response = await client.PostAsJsonAsync("/api/v1/cases",
            new { lat, lon, category, description = "照片测试 " + place, confirmNotDuplicate = true }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private static MultipartFormDataContent Form(params (byte[] Bytes, string Name, string Type)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (bytes, name, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "photo", name);
        }

        return form;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, string url, HttpContent content)
    {
        var response = await client.PostAsync(url, content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    private Task<long> PhotoCountAsync(long caseId) =>
        app.Database.ScalarAsync<long>($"SELECT count(*) FROM case_photo WHERE case_id = {caseId}", Ct)!;

    [Fact]
    public async Task Photos_are_stored_once_by_content_and_served_with_their_hash_as_etag()
    {
        using var client = await app.SignedInAsync("command");
        var id = await NewCaseAsync(client, 0, "env_dumping");
        var png = TestImages.Png();
        var jpeg = TestImages.Jpeg(1000);

        var (status, body) = await SendAsync(client, $"/api/v1/cases/{id}/photos", Form((png, "a.png", "image/png"), (jpeg, "b.jpg", "image/jpeg")));

        Assert.Equal(HttpStatusCode.Created, status);
        var photos = body.EnumerateArray().ToList();
        Assert.Equal(2, photos.Count);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), photos[0].GetProperty("sha256").GetString());
        Assert.Equal("image/png", photos[0].GetProperty("type").GetString());
        Assert.Equal("image/jpeg", photos[1].GetProperty("type").GetString());
        Assert.Equal(1000, photos[1].GetProperty("bytes").GetInt32());

        // The same picture again (as a raw body this time) is the same photo.
        var again = new ByteArrayContent(png);
        again.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var (againStatus, againBody) = await SendAsync(client, $"/api/v1/cases/{id}/photos", again);
        Assert.Equal(HttpStatusCode.Created, againStatus);
        Assert.Equal(photos[0].GetProperty("id").GetGuid(), againBody[0].GetProperty("id").GetGuid());
        Assert.Equal(2, await PhotoCountAsync(id));

        var url = photos[1].GetProperty("url").GetString()!;
        var read = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("image/jpeg", read.Content.Headers.ContentType!.MediaType);
        Assert.Equal(jpeg, await read.Content.ReadAsByteArrayAsync(Ct));
        var etag = read.Headers.ETag!;
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(jpeg))}\"", etag.Tag);
        Assert.True(read.Headers.CacheControl!.Private);
        Assert.Equal(TimeSpan.FromDays(1), read.Headers.CacheControl.MaxAge);
        Assert.Equal("nosniff", read.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", read.Content.Headers.ContentDisposition!.DispositionType);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(revalidate, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Bad_files_are_refused_with_the_right_status_and_nothing_is_stored()
    {
        using var client = await app.SignedInAsync("command");
        var id = await NewCaseAsync(client, 1, "env_dumping");
        var url = $"/api/v1/cases/{id}/photos";
        var text = Encoding.UTF8.GetBytes("这不是图片, just text pretending to be a photo");

        var (oversized, oversizedBody) = await SendAsync(client, url, Form((TestImages.Jpeg(MobileApiApp.MaxPhotoBytes + 1), "big.jpg", "image/jpeg")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized);
        Assert.True(oversizedBody.GetProperty("errors").TryGetProperty("photo", out _));

        // A raw body over the limit is refused from its Content-Length, before it is read.
        var rawBig = new ByteArrayContent(TestImages.Png(MobileApiApp.MaxPhotoBytes + 10));
        rawBig.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(client, url, rawBig)).Status);

        var (notImage, notImageBody) = await SendAsync(client, url, Form((text, "notes.txt", "text/plain")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notImage);
        Assert.Contains("not a JPEG, PNG or WebP image", notImageBody.GetProperty("errors").GetProperty("photo")[0].GetString());

        // Renamed and declared as a JPEG: the bytes decide.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await SendAsync(client, url, Form((text, "photo.jpg", "image/jpeg")))).Status);

        var (empty, emptyBody) = await SendAsync(client, url, Form(([], "empty.jpg", "image/jpeg")));
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Contains("empty", emptyBody.GetProperty("errors").GetProperty("photo")[0].GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, url, new MultipartFormDataContent { { new StringContent("x"), "note" } })).Status);

        var tooMany = Enumerable.Range(0, 10).Select(i => (TestImages.Png(), $"p{i}.png", "image/png")).ToArray();
        var (many, manyBody) = await SendAsync(client, url, Form(tooMany));
        Assert.Equal(HttpStatusCode.BadRequest, many);
        Assert.Contains("at most 9", manyBody.GetProperty("errors").GetProperty("photo")[0].GetString());

        // One bad file among good ones: none is stored.
        var (mixed, _) = await SendAsync(client, url, Form((TestImages.Png(), "ok.png", "image/png"), (TestImages.Jpeg(), "ok.jpg", "image/jpeg"), (text, "bad.jpg", "image/jpeg")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, mixed);

        Assert.Equal(0, await PhotoCountAsync(id));
    }

    [Fact]
    public async Task Photos_of_a_case_outside_the_callers_grids_are_not_found()
    {
        using var command = await app.SignedInAsync("command");
        var id = await NewCaseAsync(command, 2, "env_street_business");
        var (status, body) = await SendAsync(command, $"/api/v1/cases/{id}/photos", Form((TestImages.Png(), "a.png", "image/png")));
        Assert.Equal(HttpStatusCode.Created, status);
        var url = body[0].GetProperty("url").GetString()!;
        var grid = await app.Database.ScalarAsync<string>($"SELECT grid_code FROM hazard_case WHERE id = {id}", Ct);
        var outsider = await app.Database.ScalarAsync<string>(
            $"SELECT u.username FROM app_user u JOIN user_grid_scope s ON s.user_id = u.id WHERE u.role = 'grid_leader' AND '{grid}' NOT LIKE s.grid_code || '%' ORDER BY u.username LIMIT 1", Ct);
        Assert.NotNull(outsider);
        using var leader = await app.SignedInAsync(outsider);

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(leader, $"/api/v1/cases/{id}/photos", Form((TestImages.Png(), "b.png", "image/png")))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(command, "/api/v1/cases/999999999/photos", Form((TestImages.Png(), "c.png", "image/png")))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await command.GetAsync($"/api/v1/photos/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(1, await PhotoCountAsync(id));
    }

    [Fact]
    public async Task A_multipart_report_files_the_case_with_its_photos_in_one_go()
    {
        using var client = await app.SignedInAsync("command");
        var (grid, lat, lon) = await app.PlaceAsync(3);
        var form = Report(lat, lon, "env_illegal_building", "多部分上报", (TestImages.Jpeg(), "a.jpg"), (TestImages.Png(), "b.png"));

        var (status, body) = await SendAsync(client, "/api/v1/cases", form);

        Assert.True(status == HttpStatusCode.Created, body.ToString());
        Assert.Equal(grid, body.GetProperty("gridCode").GetString());
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal(2, await PhotoCountAsync(id));
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct);
        Assert.Equal("多部分上报", detail.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_multipart_report_with_a_bad_photo_or_field_files_nothing()
    {
        using var client = await app.SignedInAsync("command");
        var (_, lat, lon) = await app.PlaceAsync(4);
        var text = Encoding.UTF8.GetBytes("plain text");

        var (badPhoto, badPhotoBody) = await SendAsync(client, "/api/v1/cases",
            Report(lat, lon, "env_dumping", "坏照片上报", (TestImages.Jpeg(), "a.jpg"), (text, "b.jpg")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, badPhoto);
        Assert.True(badPhotoBody.GetProperty("errors").TryGetProperty("photos", out _));

        var (big, _) = await SendAsync(client, "/api/v1/cases",
            Report(lat, lon, "env_dumping", "坏照片上报", (TestImages.Jpeg(MobileApiApp.MaxPhotoBytes + 1), "a.jpg")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big);

        var (notNumber, notNumberBody) = await SendAsync(client, "/api/v1/cases", ReportWithLat("north", lon));
        Assert.Equal(HttpStatusCode.BadRequest, notNumber);
        Assert.True(notNumberBody.GetProperty("errors").TryGetProperty("lat", out _));

        var (noCategory, noCategoryBody) = await SendAsync(client, "/api/v1/cases", Report(lat, lon, "", "坏照片上报"));
        Assert.Equal(HttpStatusCode.BadRequest, noCategory);
        Assert.True(noCategoryBody.GetProperty("errors").TryGetProperty("category", out _));

        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM hazard_case WHERE description = '坏照片上报'", Ct));
    }

    [Fact]
    public async Task Cookie_form_posts_need_the_antiforgery_token_and_bearer_clients_do_not()
    {
        using var browser = await app.CookieSignedInAsync("command");
        var (_, lat, lon) = await app.PlaceAsync(5);

        var (forged, forgedBody) = await SendAsync(browser, "/api/v1/cases", Report(lat, lon, "env_dumping", "跨站上报", (TestImages.Jpeg(), "a.jpg")));
        Assert.Equal(HttpStatusCode.BadRequest, forged);
        Assert.True(forgedBody.GetProperty("errors").TryGetProperty("RequestVerificationToken", out _));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM hazard_case WHERE description = '跨站上报'", Ct));

        var token = MobileApiApp.AntiforgeryToken(await browser.GetStringAsync("/m/report", Ct));
        var form = Report(lat, lon, "env_dumping", "本站上报", (TestImages.Jpeg(), "a.jpg"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        var filed = await browser.SendAsync(request, Ct);
        Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync(Ct));
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        // The photo endpoint: refused without the token, accepted with it in the form.
        var (photoForged, _) = await SendAsync(browser, $"/api/v1/cases/{id}/photos", Form((TestImages.Png(), "a.png", "image/png")));
        Assert.Equal(HttpStatusCode.BadRequest, photoForged);
        var withField = Form((TestImages.Png(), "b.png", "image/png"));
        withField.Add(new StringContent(token), "__RequestVerificationToken");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(browser, $"/api/v1/cases/{id}/photos", withField)).Status);
        Assert.Equal(2, await PhotoCountAsync(id));

        // The JSON API is unchanged for the cookie too (a foreign page cannot send JSON without CORS).
        var json = await browser.PostAsJsonAsync("/api/v1/cases", new { lat, lon, category = "env_dumping", description = "JSON 上报", confirmNotDuplicate = true }, Ct);
        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
    }

    [Fact]
    public async Task An_officer_lists_the_cases_assigned_to_them()
    {
        using var command = await app.SignedInAsync("command");
        var officerId = await app.Database.ScalarAsync<long>("SELECT officer_id FROM app_user WHERE username = 'officer02'", Ct);
        var root = await app.Database.ScalarAsync<string>(
            "SELECT s.grid_code FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'officer02' ORDER BY 1 LIMIT 1", Ct);
        var id = await NewCaseAsync(command, 0, "env_manhole_loose");
        var mine = await app.PlaceAsync(0, inside: root);
        var created = await command.PostAsJsonAsync("/api/v1/cases", new { mine.Lat, mine.Lon, category = "fire_wiring", description = "分派给我", confirmNotDuplicate = true }, Ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var mineId = body.GetProperty("id").GetInt64();
        if (body.GetProperty("assignee").ValueKind == JsonValueKind.Null || body.GetProperty("assignee").GetProperty("officerId").GetInt64() != officerId)
        {
            var move = await command.PostAsJsonAsync($"/api/v1/cases/{mineId}/transitions", new { action = "reassign", note = "熟悉", assigneeOfficerId = officerId }, Ct);
            Assert.True(move.IsSuccessStatusCode, await move.Content.ReadAsStringAsync(Ct));
        }

        using var officer = await app.SignedInAsync("officer02");
        var list = await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/cases?assignee=me", Ct);

        Assert.Contains(list!, c => c.GetProperty("id").GetInt64() == mineId);
        Assert.All(list!, c => Assert.Equal(officerId, c.GetProperty("assigneeOfficerId").GetInt64()));
        Assert.DoesNotContain(list!, c => c.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await command.GetAsync("/api/v1/cases?assignee=me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await command.GetAsync("/api/v1/cases?assignee=someone", Ct)).StatusCode);
    }

    private static MultipartFormDataContent Report(double lat, double lon, string category, string description, params (byte[] Bytes, string Name)[] photos)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), "lat" },
            { new StringContent(lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), "lon" },
            { new StringContent(category), "category" },
            { new StringContent(description), "description" },
            { new StringContent("true"), "confirmNotDuplicate" },
        };
        foreach (var (bytes, name) in photos)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "photos", name);
        }

        return form;
    }

    private static MultipartFormDataContent ReportWithLat(string lat, double lon) => new()
    {
        { new StringContent(lat), "lat" },
        { new StringContent(lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), "lon" },
        { new StringContent("env_dumping"), "category" },
        { new StringContent("坏照片上报"), "description" },
    };
}
