using System.Globalization;

namespace GridMap.Domain.Patrol;

/// <summary>A checked position: either accepted (normalised) or rejected with a reason.</summary>
public readonly record struct PositionVerdict(PositionReport? Accepted, PositionRejection? Rejection)
{
    public bool IsAccepted => Accepted is not null;
}

/// <summary>
/// What the server accepts as a position. A phone's clock may run a little fast, so a time up to
/// <see cref="MaxFutureSkew"/> ahead is accepted; phones buffer positions while offline and send
/// them later, so a time up to <see cref="MaxAge"/> old is accepted too. Optional values that
/// make no sense (negative speed, battery above 100 %) are dropped rather than failing the
/// position: they are the phone's way of saying "unknown".
/// </summary>
public sealed record PositionRules(TimeSpan MaxFutureSkew, TimeSpan MaxAge)
{
    public static PositionRules Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));

    /// <summary>
    /// Checks <paramref name="report"/> received at <paramref name="now"/>; a report without a
    /// time is taken as reported at <paramref name="now"/>.
    /// </summary>
    public PositionVerdict Check(PositionReport report, DateTimeOffset now)
    {
        if (!double.IsFinite(report.Lat) || report.Lat is < -90 or > 90)
        {
            return Reject(PositionRejection.OutOfRangeCode, $"lat {Format(report.Lat)} is outside [-90, 90]");
        }

        if (!double.IsFinite(report.Lon) || report.Lon is < -180 or > 180)
        {
            return Reject(PositionRejection.OutOfRangeCode, $"lon {Format(report.Lon)} is outside [-180, 180]");
        }

        if (report.Lat == 0 && report.Lon == 0)
        {
            // What a phone without a GPS fix sends; nobody patrols the Gulf of Guinea.
            return Reject(PositionRejection.NoFixCode, "lat 0, lon 0 is not a position (no GPS fix)");
        }

        var time = PositionTimes.ToStoragePrecision(report.Time ?? now);
        if (time > now + MaxFutureSkew)
        {
            return Reject(PositionRejection.FutureCode,
                $"time {time:yyyy-MM-ddTHH:mm:ssZ} is more than {MaxFutureSkew.TotalMinutes:0.#} minutes in the future (server time {now.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ})");
        }

        if (time < now - MaxAge)
        {
            return Reject(PositionRejection.TooOldCode,
                $"time {time:yyyy-MM-ddTHH:mm:ssZ} is more than {MaxAge.TotalDays:0.#} days old");
        }

        return new PositionVerdict(report with
        {
            Time = time,
            SpeedMps = Finite(report.SpeedMps) is >= 0 and var speed ? speed : null,
            Heading = Finite(report.Heading) is >= 0 and var heading ? heading % 360 : null,
            Altitude = Finite(report.Altitude),
            Accuracy = Finite(report.Accuracy) is >= 0 and var accuracy ? accuracy : null,
            Battery = Finite(report.Battery) is >= 0 and <= 100 and var battery ? battery : null,
        }, null);
    }

    private static PositionVerdict Reject(string code, string reason) => new(null, new PositionRejection(code, reason));

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
