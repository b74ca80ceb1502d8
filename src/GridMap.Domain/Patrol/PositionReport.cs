namespace GridMap.Domain.Patrol;

/// <summary>
/// A position as a device reported it, parsed but not yet checked (see <see cref="PositionRules"/>).
/// <see cref="DeviceId"/> is null when the request carries it elsewhere (the batch API's token);
/// <see cref="Time"/> is null when the device sent none (OsmAnd: the time of receipt is used).
/// Speed is in metres per second whatever the protocol's unit; battery in percent.
/// </summary>
public sealed record PositionReport(
    string? DeviceId,
    DateTimeOffset? Time,
    double Lat,
    double Lon,
    double? SpeedMps = null,
    double? Heading = null,
    double? Altitude = null,
    double? Accuracy = null,
    double? Battery = null,
    bool? Charging = null);

/// <summary>Why a position was not accepted: a stable code for programs and a sentence for people.</summary>
public sealed record PositionRejection(string Code, string Reason)
{
    public const string MalformedCode = "malformed";
    public const string UnknownDeviceCode = "unknown_device";
    public const string DeviceMismatchCode = "device_mismatch";
    public const string OutOfRangeCode = "out_of_range";
    public const string NoFixCode = "no_fix";
    public const string FutureCode = "future";
    public const string TooOldCode = "too_old";

    public static PositionRejection Malformed(string reason) => new(MalformedCode, reason);

    public static PositionRejection UnknownDevice(string deviceId) =>
        new(UnknownDeviceCode, $"device '{deviceId}' is not registered or has been revoked");

    public static PositionRejection DeviceMismatch(string deviceId) =>
        new(DeviceMismatchCode, $"device '{deviceId}' is not the device of the token");
}
