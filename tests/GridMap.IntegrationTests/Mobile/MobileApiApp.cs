using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GridMap.IntegrationTests.CasesApi;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GridMap.IntegrationTests.Mobile;

/// <summary>
/// The demo district and the app over it for the photo and mobile tests: the clock at Tuesday
/// 24 November 2026, 10:00 Shanghai (day shifts running), the deadline watcher off, and a small
/// photo limit (<see cref="MaxPhotoBytes"/>) so that oversized files stay small.
/// </summary>
public sealed partial class MobileApiApp() : ClockedCaseApp(Tuesday10)
{
    public const int MaxPhotoBytes = 64 * 1024;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Cases:MaxPhotoBytes"] = MaxPhotoBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>A client signed in through the sign-in page: it holds the console's cookie, as a browser does.</summary>
    public async Task<HttpClient> CookieSignedInAsync(string username)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/signin");
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["Input.Username"] = username,
            ["Input.Password"] = DemoDistrict.Password,
        }));
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"sign-in answered {(int)response.StatusCode}");
        return client;
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token in the page");

    /// <summary>An interior point of the <paramref name="skip"/>-th level-3 grid (under <paramref name="inside"/> when given).</summary>
    public async Task<(string Grid, double Lat, double Lon)> PlaceAsync(int skip, string? inside = null)
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            SELECT g.code, ST_Y(ST_PointOnSurface(g.boundary)), ST_X(ST_PointOnSurface(g.boundary))
            FROM grid g
            WHERE g.level = 3 AND g.valid_to IS NULL AND (@inside::text IS NULL OR g.code LIKE @inside || '%')
            ORDER BY g.code DESC
            OFFSET @skip LIMIT 1
            """);
        command.Parameters.AddWithValue("skip", skip);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("inside", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)inside ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no such level-3 grid");
        return (reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>The photo and mobile page tests share one copy of the demo district (each test uses its own places and cases).</summary>
[CollectionDefinition(Name)]
public sealed class MobileCollection : ICollectionFixture<MobileApiApp>
{
    public const string Name = "mobile";
}

/// <summary>Image-like test files: the right first bytes of each type, then unique filler.</summary>
public static class TestImages
{
    private static int s_counter;

    public static byte[] Png(int size = 200) => Make([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size);

    public static byte[] Jpeg(int size = 200) => Make([0xFF, 0xD8, 0xFF, 0xE0], size);

    private static byte[] Make(byte[] magic, int size)
    {
        var bytes = new byte[Math.Max(size, magic.Length + 8)];
        magic.CopyTo(bytes, 0);
        BitConverter.GetBytes(Interlocked.Increment(ref s_counter)).CopyTo(bytes, magic.Length);
        BitConverter.GetBytes(Environment.TickCount64).CopyTo(bytes, magic.Length + 4 > bytes.Length - 8 ? magic.Length : magic.Length + 4);
        return bytes;
    }
}
