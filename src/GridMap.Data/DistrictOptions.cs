using GridMap.Domain.Calendar;
using Microsoft.Extensions.Options;

namespace GridMap.Data;

/// <summary>
/// The district served (configuration section "District"). Its time zone is the one zone of the
/// whole application: shifts, "today", working hours and deadlines, statistics periods and the
/// times Open311 writes are all local wall-clock times there.
/// </summary>
public sealed class DistrictOptions
{
    public const string SectionName = "District";

    /// <summary>An IANA time zone id, e.g. Asia/Shanghai (UTC+8, no daylight saving).</summary>
    public string TimeZone { get; set; } = WorkingCalendar.DefaultTimeZoneId;
}

/// <summary>Refuses, at start-up, a time zone id this machine does not know.</summary>
public sealed class DistrictOptionsValidator : IValidateOptions<DistrictOptions>
{
    public ValidateOptionsResult Validate(string? name, DistrictOptions options)
    {
        var id = options.TimeZone?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return ValidateOptionsResult.Fail($"{DistrictOptions.SectionName}:{nameof(DistrictOptions.TimeZone)} is required (an IANA time zone id such as Asia/Shanghai).");
        }

        // The default resolves even without tz data (see WorkingCalendar.FindZone); any other id must exist here.
        if (id != WorkingCalendar.DefaultTimeZoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
        {
            return ValidateOptionsResult.Fail(
                $"{DistrictOptions.SectionName}:{nameof(DistrictOptions.TimeZone)} '{id}' is not a time zone known to this machine (use an IANA id such as Asia/Shanghai).");
        }

        return ValidateOptionsResult.Success;
    }
}

/// <summary>The district's time zone, resolved once from the validated <see cref="DistrictOptions"/>.</summary>
public sealed class DistrictTimeZone(IOptions<DistrictOptions> options)
{
    /// <summary>The configured id, as the browser's Intl API and Open311 clients expect it.</summary>
    public string Id { get; } = options.Value.TimeZone.Trim();

    public TimeZoneInfo Zone { get; } = WorkingCalendar.FindZone(options.Value.TimeZone.Trim());

    /// <summary>The default district's zone (Asia/Shanghai), for tools and tests without configuration.</summary>
    public static DistrictTimeZone Default { get; } = new(Options.Create(new DistrictOptions()));

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
