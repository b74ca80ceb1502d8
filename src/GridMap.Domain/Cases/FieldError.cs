namespace GridMap.Domain.Cases;

/// <summary>
/// One thing wrong with one field of a request or form: the field's key (as the request names
/// it), an error code from <see cref="FieldErrorCodes"/> and the values the message needs. The
/// Domain carries no display text: the web layer turns the code into a message in the user's
/// language, so the API, Open311 and the forms say the same thing about the same rule.
/// </summary>
public sealed record FieldError(string Field, string Code, params object[] Args)
{
    /// <summary>For logs and tests: the code and its arguments, not a message for people.</summary>
    public override string ToString() => Args.Length == 0 ? $"{Field}: {Code}" : $"{Field}: {Code} ({string.Join(", ", Args)})";
}

/// <summary>The error codes of <see cref="FieldError"/>; each has one message per language in the web layer's resources.</summary>
public static class FieldErrorCodes
{
    /// <summary>The field is missing or blank.</summary>
    public const string Required = "required";

    /// <summary>Text longer than allowed. Args: the maximum, the actual length.</summary>
    public const string TooLong = "too_long";

    /// <summary>A number outside its range. Args: the minimum, the maximum, the value.</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>Text that should be a number and is not. Args: the text.</summary>
    public const string NotANumber = "not_a_number";

    /// <summary>A body that is not valid JSON. Args: the parser's message.</summary>
    public const string NotJson = "not_json";

    /// <summary>Text that should be a whole-number id. Args: the text.</summary>
    public const string NotAnId = "not_an_id";

    /// <summary>Text that should be true or false. Args: the text.</summary>
    public const string NotABoolean = "not_a_boolean";

    /// <summary>Too many items (photos). Args: the maximum, the actual count.</summary>
    public const string TooMany = "too_many";

    /// <summary>Not one of the values the field takes (an action, a reason). Args: the text.</summary>
    public const string UnknownValue = "unknown_value";

    /// <summary>Not a current hazard sub-category. Args: the code.</summary>
    public const string UnknownCategory = "unknown_category";

    /// <summary>Two fields that go together (lat and lon) with only one given.</summary>
    public const string Paired = "paired";

    /// <summary>The point lies in no grid of the district.</summary>
    public const string OutsideDistrict = "outside_district";

    /// <summary>Not an absolute http(s) URL. Args: the text.</summary>
    public const string NotAUrl = "not_a_url";

    /// <summary>A field the receiver does not define (an Open311 attribute). Args: the field.</summary>
    public const string NotDefined = "not_defined";

    /// <summary>An address without a position: positions are not looked up from addresses.</summary>
    public const string NoGeocoding = "no_geocoding";
}
