using System.Globalization;

namespace GridMap.Domain.Patrol;

/// <summary>The device id and position of one OsmAnd request, or why the request is not one.</summary>
public sealed record OsmAndRequest(string? DeviceId, PositionReport? Report, PositionRejection? Error)
{
    public bool IsValid => Report is not null;
}

/// <summary>
/// The OsmAnd protocol as Traccar Client and OsmAnd send it: one position as query or form
/// parameters, with any HTTP method. The request's parameters (query first, then form) come in
/// as name/value pairs; the parser does no I/O.
/// <list type="bullet">
/// <item><c>id</c> or <c>deviceid</c>: the device id (required)</item>
/// <item><c>lat</c> and <c>lon</c>, or <c>location=lat,lon</c> (required)</item>
/// <item><c>timestamp</c>: Unix seconds or milliseconds, ISO-8601, or <c>yyyy-MM-dd HH:mm:ss</c> in UTC (absent: time of receipt)</item>
/// <item><c>speed</c> in knots, <c>bearing</c> or <c>heading</c> in degrees, <c>altitude</c> and <c>accuracy</c> in metres</item>
/// <item><c>batt</c>: battery level in percent; <c>charge</c>: true/false</item>
/// </list>
/// Other parameters (<c>hdop</c>, <c>cell</c>, <c>wifi</c>, <c>valid</c>, …) are ignored. As in
/// Traccar, an empty value counts as absent.
/// </summary>
public static class OsmAndRequestParser
{
    /// <summary>Metres per second in one knot (1852 m per hour).</summary>
    public const double MetresPerSecondPerKnot = 1852.0 / 3600.0;

    public static OsmAndRequest Parse(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        string? deviceId = null;
        string? lat = null, lon = null, location = null, timestamp = null;
        string? speed = null, heading = null, altitude = null, accuracy = null, battery = null, charge = null;

        foreach (var (key, raw) in parameters)
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            // The first value of a parameter wins, whether it came in the query or the form.
            switch (key.ToLowerInvariant())
            {
                case "id" or "deviceid": deviceId ??= value; break;
                case "lat": lat ??= value; break;
                case "lon": lon ??= value; break;
                case "location": location ??= value; break;
                case "timestamp": timestamp ??= value; break;
                case "speed": speed ??= value; break;
                case "bearing" or "heading": heading ??= value; break;
                case "altitude": altitude ??= value; break;
                case "accuracy": accuracy ??= value; break;
                case "batt": battery ??= value; break;
                case "charge": charge ??= value; break;
            }
        }

        if (deviceId is null)
        {
            return Fail(null, "the device id is missing (parameter id or deviceid)");
        }

        if (DeviceIds.Validate(deviceId) is { } idError)
        {
            return Fail(deviceId, idError);
        }

        double latitude, longitude;
        if (lat is not null || lon is not null)
        {
            if (lat is null || lon is null)
            {
                return Fail(deviceId, lat is null ? "lat is missing (lon was sent)" : "lon is missing (lat was sent)");
            }

            if (!TryNumber(lat, out latitude))
            {
                return Fail(deviceId, $"lat is not a number: '{lat}'");
            }

            if (!TryNumber(lon, out longitude))
            {
                return Fail(deviceId, $"lon is not a number: '{lon}'");
            }
        }
        else if (location is not null)
        {
            var parts = location.Split(',');
            if (parts.Length != 2 || !TryNumber(parts[0], out latitude) || !TryNumber(parts[1], out longitude))
            {
                return Fail(deviceId, $"location is not 'lat,lon': '{location}'");
            }
        }
        else
        {
            return Fail(deviceId, "the position is missing (lat and lon, or location)");
        }

        DateTimeOffset? time = null;
        if (timestamp is not null)
        {
            if (!PositionTimes.TryParse(timestamp, out var parsed))
            {
                return Fail(deviceId, $"timestamp is not a time: '{timestamp}' (Unix seconds or milliseconds, ISO-8601, or yyyy-MM-dd HH:mm:ss)");
            }

            time = parsed;
        }

        if (!TryOptional(speed, "speed", out var knots, out var error)
            || !TryOptional(heading, "bearing", out var course, out error)
            || !TryOptional(altitude, "altitude", out var metres, out error)
            || !TryOptional(accuracy, "accuracy", out var radius, out error)
            || !TryOptional(battery, "batt", out var percent, out error))
        {
            return Fail(deviceId, error!);
        }

        bool? charging = charge?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "1" => true,
            "false" or "0" => false,
            _ => null,
        };

        return new OsmAndRequest(deviceId, new PositionReport(
            deviceId, time, latitude, longitude,
            SpeedMps: knots * MetresPerSecondPerKnot,
            Heading: course,
            Altitude: metres,
            Accuracy: radius,
            Battery: percent,
            Charging: charging), null);
    }

    private static OsmAndRequest Fail(string? deviceId, string reason) =>
        new(deviceId, null, PositionRejection.Malformed(reason));

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryOptional(string? text, string name, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (!TryNumber(text, out var number))
        {
            error = $"{name} is not a number: '{text}'";
            return false;
        }

        value = number;
        return true;
    }
}
