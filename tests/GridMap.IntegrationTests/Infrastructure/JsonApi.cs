using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridMap.IntegrationTests.Infrastructure;

/// <summary>One JSON request to the app under test, answered with its status and body (default when empty).</summary>
public static class JsonApi
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(
        this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
