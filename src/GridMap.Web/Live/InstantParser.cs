using System.Globalization;
using System.Text.RegularExpressions;
using GridMap.Domain.Live;

namespace GridMap.Web.Live;

/// <summary>
/// ISO-8601 instants in query strings. With "Z" or an offset the instant is exact; without one
/// it is the district's wall-clock time (a console user typing "08:00" means 08:00 in Huizhou,
/// whatever zone the server runs in).
/// </summary>
public static partial class InstantParser
{
    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetSuffix();

    public static bool TryParse(string? text, ShiftClock clock, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        // Only ISO-8601 shapes: a date, then a time after "T" or a space.
        if (text.Length < 10 || !char.IsAsciiDigit(text[0]) || text[4] != '-')
        {
            return false;
        }

        if (OffsetSuffix().IsMatch(text) && text.Length > 10)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        instant = new DateTimeOffset(local, clock.Zone.GetUtcOffset(local));
        return true;
    }
}
