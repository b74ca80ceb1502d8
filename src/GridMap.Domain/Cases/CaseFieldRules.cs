namespace GridMap.Domain.Cases;

/// <summary>
/// The rules on the fields of a report and of a workflow action, each written once and used by
/// the case API, Open311, the phone's report form, the console's forms and the repository's last
/// check. Every rule adds to the list instead of stopping at the first, so a form can show all
/// of its field errors at once.
/// </summary>
public static partial class CaseRules
{
    public const double MinLatitude = -90;
    public const double MaxLatitude = 90;
    public const double MinLongitude = -180;
    public const double MaxLongitude = 180;

    /// <summary>The field keys the rules use; a protocol with other names (Open311's "long", "service_code") maps them.</summary>
    public static class Fields
    {
        public const string Lat = "lat";
        public const string Lon = "lon";
        public const string Category = "category";
        public const string Description = "description";
        public const string Note = "note";
        public const string Photos = "photos";
        public const string Location = "location";
    }

    public static bool IsLatitude(double lat) => double.IsFinite(lat) && lat is >= MinLatitude and <= MaxLatitude;

    public static bool IsLongitude(double lon) => double.IsFinite(lon) && lon is >= MinLongitude and <= MaxLongitude;

    /// <summary>
    /// A new report: a position (WGS 84), a sub-category code, a description of at most
    /// <see cref="MaxNoteLength"/> characters and at most <see cref="MaxPhotos"/> photos. Whether
    /// the code is a current sub-category and the point lies in a grid are the store's to say.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateReport(double? lat, double? lon, string? category, string? description, int photoCount = 0)
    {
        var errors = new List<FieldError>();
        AddPosition(errors, lat, lon, required: true);
        if (string.IsNullOrWhiteSpace(category))
        {
            errors.Add(new FieldError(Fields.Category, FieldErrorCodes.Required));
        }
        else if (!TaxonomyRules.IsCode(category))
        {
            // Not even shaped like a code: no sub-category can have it.
            errors.Add(new FieldError(Fields.Category, FieldErrorCodes.UnknownCategory, category));
        }

        AddText(errors, Fields.Description, description, MaxNoteLength, required: true);
        AddPhotoCount(errors, Fields.Photos, photoCount);
        return errors;
    }

    /// <summary>The fields a workflow action carries itself: an optional note, photos and an optional position (lat and lon together).</summary>
    public static IReadOnlyList<FieldError> ValidateActionInput(string? note, int photoCount, double? lat, double? lon)
    {
        var errors = new List<FieldError>();
        AddText(errors, Fields.Note, note, MaxNoteLength, required: false);
        AddPhotoCount(errors, Fields.Photos, photoCount);
        AddPosition(errors, lat, lon, required: false);
        return errors;
    }

    /// <summary>A position: both or (when not required) neither of lat and lon, each in its range.</summary>
    public static void AddPosition(List<FieldError> errors, double? lat, double? lon, bool required, string latField = Fields.Lat, string lonField = Fields.Lon)
    {
        if (lat is null && lon is null && !required)
        {
            return;
        }

        if (lat is not { } la)
        {
            errors.Add(new FieldError(latField, required ? FieldErrorCodes.Required : FieldErrorCodes.Paired));
        }
        else if (!IsLatitude(la))
        {
            errors.Add(new FieldError(latField, FieldErrorCodes.OutOfRange, MinLatitude, MaxLatitude, la));
        }

        if (lon is not { } lo)
        {
            errors.Add(new FieldError(lonField, required ? FieldErrorCodes.Required : FieldErrorCodes.Paired));
        }
        else if (!IsLongitude(lo))
        {
            errors.Add(new FieldError(lonField, FieldErrorCodes.OutOfRange, MinLongitude, MaxLongitude, lo));
        }
    }

    /// <summary>Free text: required or not, at most <paramref name="max"/> characters.</summary>
    public static void AddText(List<FieldError> errors, string field, string? text, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new FieldError(field, FieldErrorCodes.Required));
            }

            return;
        }

        if (text.Length > max)
        {
            errors.Add(new FieldError(field, FieldErrorCodes.TooLong, max, text.Length));
        }
    }

    public static void AddPhotoCount(List<FieldError> errors, string field, int count)
    {
        if (count > MaxPhotos)
        {
            errors.Add(new FieldError(field, FieldErrorCodes.TooMany, MaxPhotos, count));
        }
    }
}
