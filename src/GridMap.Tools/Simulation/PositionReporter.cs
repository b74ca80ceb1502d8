using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Simulation;

public enum ReportProtocol
{
    /// <summary>GET /osmand?id=…&amp;lat=…&amp;lon=… as Traccar Client sends it (device id, no token).</summary>
    OsmAnd,

    /// <summary>POST /api/v1/positions with the device's bearer token.</summary>
    Batch,
}

public enum ReportOutcome
{
    /// <summary>The console answered that the position is stored.</summary>
    Accepted,

    /// <summary>The console refused it (400, 401, or a rejected item): resending would not help.</summary>
    Rejected,

    /// <summary>No answer, or 503 or another error: the position may be sent again.</summary>
    Failed,
}

/// <summary>
/// Sends one fix of one device through the public HTTP APIs, the way a phone does: OsmAnd as
/// Traccar Client formats it (speed in knots, Unix seconds), or a batch of one with the device token.
/// Thread-safe: <see cref="HttpClient"/> is.
/// </summary>
public sealed class PositionReporter(HttpClient http, ILogger logger)
{
    private const double KnotsPerMetrePerSecond = 1 / 0.514444;
    private const int MaxLoggedProblems = 10;
    private int _loggedProblems;

    /// <summary>The relative URL of an OsmAnd report (public for the tests of the format).</summary>
    public static string OsmAndQuery(string deviceId, WalkerFix fix, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture,
            $"osmand?id={Uri.EscapeDataString(deviceId)}&timestamp={time.ToUnixTimeSeconds()}" +
            $"&lat={fix.Lat:F7}&lon={fix.Lon:F7}&speed={fix.SpeedMps * KnotsPerMetrePerSecond:F2}" +
            $"&bearing={fix.Heading:F1}&accuracy=5&batt={fix.Battery:F0}");

    /// <summary>The JSON body of a batch API report of one position.</summary>
    public static byte[] BatchBody(string deviceId, WalkerFix fix, DateTimeOffset time)
    {
        using var stream = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("positions");
            json.WriteStartObject();
            json.WriteString("deviceId", deviceId);
            json.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteNumber("lat", Math.Round(fix.Lat, 7));
            json.WriteNumber("lon", Math.Round(fix.Lon, 7));
            json.WriteNumber("speed", Math.Round(fix.SpeedMps, 2));
            json.WriteNumber("heading", Math.Round(fix.Heading, 1));
            json.WriteNumber("accuracy", 5);
            json.WriteNumber("battery", Math.Round(fix.Battery));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    public async Task<ReportOutcome> SendAsync(
        ReportProtocol protocol, PatrolDevice device, WalkerFix fix, DateTimeOffset time, CancellationToken cancellationToken)
    {
        try
        {
            return protocol == ReportProtocol.OsmAnd
                ? await SendOsmAndAsync(device, fix, time, cancellationToken)
                : await SendBatchAsync(device, fix, time, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            Problem(device, protocol, "request failed: " + ex.Message);
            return ReportOutcome.Failed;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Problem(device, protocol, "request timed out");
            return ReportOutcome.Failed;
        }
    }

    private async Task<ReportOutcome> SendOsmAndAsync(PatrolDevice device, WalkerFix fix, DateTimeOffset time, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(OsmAndQuery(device.DeviceId, fix, time), cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return ReportOutcome.Accepted;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return Classify(device, ReportProtocol.OsmAnd, response.StatusCode, text);
    }

    private async Task<ReportOutcome> SendBatchAsync(PatrolDevice device, WalkerFix fix, DateTimeOffset time, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/positions")
        {
            Content = new ByteArrayContent(BatchBody(device.DeviceId, fix, time)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Classify(device, ReportProtocol.Batch, response.StatusCode, text);
        }

        using var answer = JsonDocument.Parse(text);
        if (answer.RootElement.TryGetProperty("accepted", out var accepted) && accepted.GetInt32() == 1)
        {
            return ReportOutcome.Accepted;
        }

        Problem(device, ReportProtocol.Batch, "item rejected: " + text);
        return ReportOutcome.Rejected;
    }

    private ReportOutcome Classify(PatrolDevice device, ReportProtocol protocol, HttpStatusCode status, string text)
    {
        var rejected = status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestEntityTooLarge;
        Problem(device, protocol, $"answered {(int)status}: {(text.Length > 200 ? text[..200] : text)}");
        return rejected ? ReportOutcome.Rejected : ReportOutcome.Failed;
    }

    /// <summary>The first few problems are logged; a misconfigured run must not flood the terminal.</summary>
    private void Problem(PatrolDevice device, ReportProtocol protocol, string problem)
    {
        var count = Interlocked.Increment(ref _loggedProblems);
        if (count <= MaxLoggedProblems)
        {
            logger.LogWarning("{Device} ({Protocol}): {Problem}", device.DeviceId, protocol, problem);
        }
        else if (count == MaxLoggedProblems + 1)
        {
            logger.LogWarning("More problems are counted in the summaries but not logged");
        }
    }
}
