using System.Globalization;
using System.Text.Json;

namespace GridMap.Domain.Patrol;

/// <summary>Small readers for the JSON forms of positions: each names the field it rejects.</summary>
internal static class JsonValues
{
    public static bool TryRequiredNumber(JsonElement parent, string name, out double value, out string? error)
    {
        value = 0;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = $"{name} is missing";
            return false;
        }

        return TryNumber(element, name, out value, out error);
    }

    public static bool TryOptionalNumber(JsonElement parent, string name, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (!TryNumber(element, name, out var number, out error))
        {
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>A time as a string (any form of <see cref="PositionTimes"/>) or a Unix number.</summary>
    public static bool TryTime(JsonElement element, string name, out DateTimeOffset time, out string? error)
    {
        error = null;
        time = default;
        switch (element.ValueKind)
        {
            case JsonValueKind.String when PositionTimes.TryParse(element.GetString(), out time):
                return true;
            case JsonValueKind.Number when element.TryGetInt64(out var integer) && PositionTimes.TryFromUnix(integer, out time):
                return true;
            case JsonValueKind.Number when element.TryGetDouble(out var seconds) && PositionTimes.TryFromUnixSeconds(seconds, out time):
                return true;
            case JsonValueKind.String or JsonValueKind.Number:
                error = $"{name} is not a time: {element.GetRawText()} (ISO-8601, yyyy-MM-dd HH:mm:ss, or Unix seconds or milliseconds)";
                return false;
            default:
                error = $"{name} must be a string or a number (got {Describe(element)})";
                return false;
        }
    }

    /// <summary>A device id sent as a string, or as a number (some apps use a numeric id).</summary>
    public static string? AsIdText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static bool TryNumber(JsonElement element, string name, out double value, out string? error)
    {
        value = 0;
        error = null;
        if (element.ValueKind != JsonValueKind.Number)
        {
            error = $"{name} must be a number (got {Describe(element)})";
            return false;
        }

        if (!element.TryGetDouble(out value) || !double.IsFinite(value))
        {
            error = $"{name} is not a finite number: {element.GetRawText()}";
            return false;
        }

        return true;
    }

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
