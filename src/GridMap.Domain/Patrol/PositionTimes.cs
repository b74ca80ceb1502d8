using System.Globalization;

namespace GridMap.Domain.Patrol;

/// <summary>The timestamp forms that phone apps send, all read as UTC.</summary>
public static class PositionTimes
{
    private static readonly string[] s_plainFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
    ];

    /// <summary>
    /// Unix seconds or milliseconds (a number below 2^31 is seconds, as Traccar decides; a
    /// fraction is allowed on seconds), ISO-8601 (without an offset it is UTC), or
    /// <c>yyyy-MM-dd HH:mm:ss</c> in UTC.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return TryFromUnix(integer, out time);
        }

        if (IsPlainNumber(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromUnixSeconds(seconds, out time);
        }

        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, utc, out time) && Normalise(ref time);
        }

        return DateTimeOffset.TryParseExact(text, s_plainFormats, CultureInfo.InvariantCulture, utc, out time) && Normalise(ref time);
    }

    /// <summary>A Unix time: seconds when below 2^31 (until 2038), otherwise milliseconds.</summary>
    public static bool TryFromUnix(long value, out DateTimeOffset time)
    {
        time = default;
        if (value < 0)
        {
            return false;
        }

        try
        {
            time = value < int.MaxValue ? DateTimeOffset.FromUnixTimeSeconds(value) : DateTimeOffset.FromUnixTimeMilliseconds(value);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    public static bool TryFromUnixSeconds(double seconds, out DateTimeOffset time)
    {
        time = default;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            return false;
        }

        time = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return Normalise(ref time);
    }

    /// <summary>
    /// PostgreSQL keeps microseconds; .NET keeps ticks of 100 ns. Positions are cut to the
    /// microsecond on the way in so that a time read back equals the time written (duplicate
    /// detection and the committed-position match rely on it).
    /// </summary>
    public static DateTimeOffset ToStoragePrecision(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }

    private static bool Normalise(ref DateTimeOffset time)
    {
        time = time.ToUniversalTime();
        return true;
    }

    private static bool IsPlainNumber(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E')
            {
                return false;
            }
        }

        return true;
    }
}
