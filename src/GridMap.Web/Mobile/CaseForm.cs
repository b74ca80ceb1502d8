using System.Globalization;
using GridMap.Web.Endpoints;

namespace GridMap.Web.Mobile;

/// <summary>
/// The text fields of a multipart report (lat, lon, category, description, buildingId,
/// confirmNotDuplicate) as the same request the JSON API takes. Numbers are invariant
/// ("23.105", never "23,105"); an empty field counts as absent.
/// </summary>
public static class CaseForm
{
    public static (CreateCaseRequest? Request, (string Field, string Message)? Error) Read(IFormCollection form)
    {
        string? Text(string name) => form[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

        (string Field, string Message)? error = null;
        double? Number(string name)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            error ??= (name, $"{name} is not a number: '{text}'");
            return null;
        }

        var lat = Number("lat");
        var lon = Number("lon");
        long? building = null;
        if (Text("buildingId") is { } buildingText)
        {
            if (long.TryParse(buildingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b))
            {
                building = b;
            }
            else
            {
                error ??= ("buildingId", $"buildingId is not a building id: '{buildingText}'");
            }
        }

        bool? confirm = null;
        if (Text("confirmNotDuplicate") is { } confirmText)
        {
            if (bool.TryParse(confirmText, out var c))
            {
                confirm = c;
            }
            else if (confirmText is "on" or "1")
            {
                // What a checked HTML checkbox sends.
                confirm = true;
            }
            else
            {
                error ??= ("confirmNotDuplicate", $"confirmNotDuplicate must be true or false (got '{confirmText}')");
            }
        }

        if (error is not null)
        {
            return (null, error);
        }

        // The description keeps its inner line breaks; only the ends are trimmed.
        return (new CreateCaseRequest(lat, lon, Text("category"), Text("description"), confirm, building), null);
    }
}
