using System.Text.Json;

namespace GridMap.Domain.Patrol;

/// <summary>The device id and positions of a Traccar Client 9 JSON request, or why it is not one.</summary>
public sealed record TraccarJsonRequest(string? DeviceId, IReadOnlyList<PositionReport> Reports, PositionRejection? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// The JSON body that Traccar Client 9 posts to the OsmAnd port (the location object of the
/// background-geolocation library it is built on):
/// <code>
/// {"device_id":"123456","location":{"timestamp":"2026-05-01T08:00:00.000Z","is_moving":true,
///  "coords":{"latitude":23.12,"longitude":114.41,"speed":1.4,"heading":90,"altitude":20,"accuracy":5},
///  "battery":{"level":0.85,"is_charging":false}}}
/// </code>
/// Speed is in metres per second here (not knots as in the query form); -1 for speed, heading,
/// accuracy or battery level means "unknown". <c>location</c> may also be an array of such
/// objects (a phone sending what it buffered). Any location that cannot be read makes the whole
/// request invalid, so that the phone is told rather than silently losing a position.
/// </summary>
public static class TraccarJsonParser
{
    public static TraccarJsonRequest Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return Fail(null, $"the body is not JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(null, $"the body must be a JSON object (got {JsonValues.Describe(root)})");
            }

            var deviceId = root.TryGetProperty("device_id", out var idElement) ? JsonValues.AsIdText(idElement) : null;
            if (string.IsNullOrEmpty(deviceId))
            {
                return Fail(null, "device_id is missing");
            }

            if (DeviceIds.Validate(deviceId) is { } idError)
            {
                return Fail(deviceId, idError);
            }

            if (!root.TryGetProperty("location", out var location))
            {
                return Fail(deviceId, "location is missing");
            }

            var reports = new List<PositionReport>();
            switch (location.ValueKind)
            {
                case JsonValueKind.Object:
                    if (ReadLocation(deviceId, location, "location") is { } error)
                    {
                        return Fail(deviceId, error);
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in location.EnumerateArray())
                    {
                        if (ReadLocation(deviceId, item, $"location[{index++}]") is { } itemError)
                        {
                            return Fail(deviceId, itemError);
                        }
                    }

                    if (index == 0)
                    {
                        return Fail(deviceId, "location is an empty array");
                    }

                    break;
                default:
                    return Fail(deviceId, $"location must be an object or an array (got {JsonValues.Describe(location)})");
            }

            return new TraccarJsonRequest(deviceId, reports, null);

            string? ReadLocation(string device, JsonElement element, string path)
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return $"{path} must be an object (got {JsonValues.Describe(element)})";
                }

                if (!element.TryGetProperty("timestamp", out var timestamp))
                {
                    return $"{path}.timestamp is missing";
                }

                if (!JsonValues.TryTime(timestamp, $"{path}.timestamp", out var time, out var timeError))
                {
                    return timeError;
                }

                if (!element.TryGetProperty("coords", out var coords) || coords.ValueKind != JsonValueKind.Object)
                {
                    return $"{path}.coords is missing";
                }

                if (!JsonValues.TryRequiredNumber(coords, "latitude", out var lat, out var error)
                    || !JsonValues.TryRequiredNumber(coords, "longitude", out var lon, out error)
                    || !JsonValues.TryOptionalNumber(coords, "speed", out var speed, out error)
                    || !JsonValues.TryOptionalNumber(coords, "heading", out var heading, out error)
                    || !JsonValues.TryOptionalNumber(coords, "altitude", out var altitude, out error)
                    || !JsonValues.TryOptionalNumber(coords, "accuracy", out var accuracy, out error))
                {
                    return $"{path}.coords.{error}";
                }

                double? battery = null;
                bool? charging = null;
                if (element.TryGetProperty("battery", out var batteryElement) && batteryElement.ValueKind == JsonValueKind.Object)
                {
                    if (!JsonValues.TryOptionalNumber(batteryElement, "level", out var level, out error))
                    {
                        return $"{path}.battery.{error}";
                    }

                    // A fraction of 1 here; percent everywhere else.
                    battery = level is >= 0 ? Math.Round(level.Value * 100, 1) : null;
                    if (batteryElement.TryGetProperty("is_charging", out var isCharging)
                        && isCharging.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        charging = isCharging.GetBoolean();
                    }
                }

                reports.Add(new PositionReport(
                    device, time, lat, lon,
                    SpeedMps: speed is >= 0 ? speed : null,
                    Heading: heading is >= 0 ? heading : null,
                    Altitude: altitude,
                    Accuracy: accuracy is >= 0 ? accuracy : null,
                    Battery: battery,
                    Charging: charging));
                return null;
            }
        }
    }

    private static TraccarJsonRequest Fail(string? deviceId, string reason) =>
        new(deviceId, [], PositionRejection.Malformed(reason));
}
