using System.Globalization;
using GridMap.Domain.Cases;

namespace GridMap.Web.Open311;

/// <summary>A POST requests body that passed the checks.</summary>
public sealed record Open311Report(string ServiceCode, double Lat, double Lon, string Description)
{
    public string? AddressString { get; init; }

    public string? MediaUrl { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Phone { get; init; }

    public string? DeviceId { get; init; }

    public string? AccountId { get; init; }
}

/// <summary>
/// Reads and checks the form of POST requests. lat and long are required: this server does not
/// geocode address_string or address_id (an address alone is refused naming lat/long; an address
/// sent with a position is kept as text). The description is required and at most 2,000
/// characters (what a case keeps; the specification allows 4,000). No service defines
/// attributes, so attribute[…] fields are refused rather than silently dropped.
/// </summary>
public static class Open311ReportInput
{
    public sealed record Result(Open311Report? Report, string? Error);

    private static readonly (string Name, int Max)[] s_limits =
    [
        ("address_string", 500), ("email", 254), ("first_name", 100), ("last_name", 100), ("phone", 40),
        ("device_id", 200), ("account_id", 200), ("media_url", 2000),
    ];

    public static Result Read(Func<string, string?> param, IEnumerable<string> fieldNames)
    {
        var serviceCode = param("service_code");
        if (serviceCode is null)
        {
            return Fail("service_code is required (see services.xml)");
        }

        var latText = param("lat");
        var lonText = param("long");
        if (latText is null || lonText is null)
        {
            var addressOnly = param("address_string") is not null || param("address_id") is not null;
            return Fail(addressOnly
                ? "lat and long are required: this server does not geocode address_string or address_id; send the position (WGS84) as lat and long"
                : $"{(latText is null ? "lat" : "long")} is required: send the position (WGS84) as lat and long");
        }

        if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || !double.IsFinite(lat) || lat is < -90 or > 90)
        {
            return Fail($"lat '{latText}' is not a latitude between -90 and 90");
        }

        if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || !double.IsFinite(lon) || lon is < -180 or > 180)
        {
            return Fail($"long '{lonText}' is not a longitude between -180 and 180");
        }

        var description = param("description");
        if (description is null)
        {
            return Fail("description is required: say what the hazard is and where exactly");
        }

        if (description.Length > CaseRules.MaxNoteLength)
        {
            return Fail($"description has {description.Length} characters; at most {CaseRules.MaxNoteLength} are accepted");
        }

        foreach (var (name, max) in s_limits)
        {
            if (param(name) is { } value && value.Length > max)
            {
                return Fail($"{name} has {value.Length} characters; at most {max}");
            }
        }

        var mediaUrl = param("media_url");
        if (mediaUrl is not null
            && (!Uri.TryCreate(mediaUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return Fail($"media_url '{mediaUrl}' is not an absolute http(s) URL");
        }

        if (fieldNames.FirstOrDefault(n => n.StartsWith("attribute[", StringComparison.Ordinal)) is { } attribute)
        {
            return Fail($"{attribute}: service '{serviceCode}' defines no attributes (metadata is false)");
        }

        return new Result(new Open311Report(serviceCode, lat, lon, description)
        {
            AddressString = param("address_string"),
            MediaUrl = mediaUrl,
            Email = param("email"),
            FirstName = param("first_name"),
            LastName = param("last_name"),
            Phone = param("phone"),
            DeviceId = param("device_id"),
            AccountId = param("account_id"),
        }, null);
    }

    private static Result Fail(string error) => new(null, error);
}
