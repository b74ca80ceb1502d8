using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using GridMap.IntegrationTests.CasesApi;

namespace GridMap.IntegrationTests.Open311;

/// <summary>What the Open311 tests share: keys, form posts, and the two formats read back.</summary>
internal static class Open311Client
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(long Id, string Key)> CreateKeyAsync(CasesApiApp app, string name)
    {
        using var admin = await app.SignedInAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/open311/keys", new { name, owner = "12345 热线", contact = "0752-12345" }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("id").GetInt64(), json.GetProperty("key").GetString()!);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string format, IDictionary<string, string> form) =>
        client.PostAsync($"/open311/v2/requests.{format}", new FormUrlEncodedContent(form), Ct);

    public static Dictionary<string, string> Report(string key, string service, double lat, double lon, string description) => new()
    {
        ["api_key"] = key,
        ["service_code"] = service,
        ["lat"] = lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["long"] = lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["description"] = description,
    };

    public static async Task<XDocument> XmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text);
        return XDocument.Parse(text);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The specification's error list in XML: errors/error/(code, description); returns the descriptions.</summary>
    public static async Task<string> XmlErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var xml = await XmlAsync(response, expected);
        Assert.Equal("errors", xml.Root!.Name.LocalName);
        var error = Assert.Single(xml.Root.Elements());
        Assert.Equal("error", error.Name.LocalName);
        Assert.Equal(["code", "description"], error.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Element("code")!.Value);
        return error.Element("description")!.Value;
    }

    /// <summary>The specification's error list in JSON: [{code, description}]; returns the descriptions.</summary>
    public static async Task<string> JsonErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await JsonAsync(response, expected);
        var error = Assert.Single(json.EnumerateArray());
        Assert.Equal(["code", "description"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal((int)expected, error.GetProperty("code").GetInt32());
        return error.GetProperty("description").GetString()!;
    }

    public static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
        "lat", "long", "media_url",
    ];
}
