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
/// sent with a position is kept as text). Position, service code and description follow the
/// case rules (<see cref="CaseRules.ValidateReport"/>: the description is required and at most
/// 2,000 characters, what a case keeps; the specification allows 4,000). No service defines
/// attributes, so attribute[…] fields are refused rather than silently dropped. Every error is
/// reported, keyed by the Open311 parameter's name.
/// </summary>
public static class Open311ReportInput
{
    public sealed record Result(Open311Report? Report, IReadOnlyList<FieldError> Errors);

    private static readonly (string Name, int Max)[] s_limits =
    [
        ("address_string", 500), ("email", 254), ("first_name", 100), ("last_name", 100), ("phone", 40),
        ("device_id", 200), ("account_id", 200), ("media_url", 2000),
    ];

    /// <summary>The Open311 parameter of a case rule's field.</summary>
    public static string ParameterOf(string field) => field switch
    {
        CaseRules.Fields.Category => "service_code",
        CaseRules.Fields.Lon => "long",
        CaseRules.Fields.Location => "lat",
        _ => field,
    };

    public static Result Read(Func<string, string?> param, IEnumerable<string> fieldNames)
    {
        var errors = new List<FieldError>();
        var serviceCode = param("service_code");
        var latText = param("lat");
        var lonText = param("long");
        var description = param("description");
        double? lat = null, lon = null;
        if ((latText is null || lonText is null) && (param("address_string") is not null || param("address_id") is not null))
        {
            errors.Add(new FieldError(CaseRules.Fields.Lat, FieldErrorCodes.NoGeocoding));
        }
        else
        {
            lat = Number(errors, CaseRules.Fields.Lat, latText);
            lon = Number(errors, CaseRules.Fields.Lon, lonText);
        }

        // The case rules, except for a position already refused above.
        var unread = errors.ToList();
        errors.AddRange(CaseRules.ValidateReport(lat, lon, serviceCode, description)
            .Where(e => unread.All(r => r.Field != e.Field && !(r.Code == FieldErrorCodes.NoGeocoding && e.Field is CaseRules.Fields.Lat or CaseRules.Fields.Lon))));

        foreach (var (name, max) in s_limits)
        {
            if (param(name) is { } value && value.Length > max)
            {
                errors.Add(new FieldError(name, FieldErrorCodes.TooLong, max, value.Length));
            }
        }

        var mediaUrl = param("media_url");
        if (mediaUrl is not null
            && (!Uri.TryCreate(mediaUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add(new FieldError("media_url", FieldErrorCodes.NotAUrl, mediaUrl));
        }

        foreach (var attribute in fieldNames.Where(n => n.StartsWith("attribute[", StringComparison.Ordinal)))
        {
            errors.Add(new FieldError(attribute, FieldErrorCodes.NotDefined, serviceCode ?? ""));
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        return new Result(new Open311Report(serviceCode!, lat!.Value, lon!.Value, description!)
        {
            AddressString = param("address_string"),
            MediaUrl = mediaUrl,
            Email = param("email"),
            FirstName = param("first_name"),
            LastName = param("last_name"),
            Phone = param("phone"),
            DeviceId = param("device_id"),
            AccountId = param("account_id"),
        }, []);
    }

    /// <summary>An invariant number; null (and no error) when absent, for the rules to call it required.</summary>
    private static double? Number(List<FieldError> errors, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(field, FieldErrorCodes.NotANumber, text));
        return null;
    }
}
