using System.Globalization;
using GridMap.Domain.Cases;
using GridMap.Web.Cases;
using GridMap.Web.Grids;
using GridMap.Web.Live;
using GridMap.Web.Security;
using GridMap.Web.Services;
using GridMap.Web.Tiles;

namespace GridMap.Web.Mobile;

/// <summary>
/// The text fields of a multipart report (lat, lon, category, description, buildingId,
/// confirmNotDuplicate) as the same request the JSON API takes. Numbers are invariant
/// ("23.105", never "23,105"); an empty field counts as absent. A field that cannot be read is
/// left out of the request and named in the errors, all of them, not only the first.
/// </summary>
public static class CaseForm
{
    public static (CreateCaseRequest Request, IReadOnlyList<FieldError> Errors) Read(IFormCollection form)
    {
        string? Text(string name) => form[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

        var errors = new List<FieldError>();
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

            errors.Add(new FieldError(name, FieldErrorCodes.NotANumber, text));
            return null;
        }

        var lat = Number(CaseRules.Fields.Lat);
        var lon = Number(CaseRules.Fields.Lon);
        long? building = null;
        if (Text("buildingId") is { } buildingText)
        {
            if (long.TryParse(buildingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b))
            {
                building = b;
            }
            else
            {
                errors.Add(new FieldError("buildingId", FieldErrorCodes.NotAnId, buildingText));
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
                errors.Add(new FieldError("confirmNotDuplicate", FieldErrorCodes.NotABoolean, confirmText));
            }
        }

        // The description keeps its inner line breaks; only the ends are trimmed.
        return (new CreateCaseRequest(lat, lon, Text(CaseRules.Fields.Category), Text(CaseRules.Fields.Description), confirm, building), errors);
    }
}
