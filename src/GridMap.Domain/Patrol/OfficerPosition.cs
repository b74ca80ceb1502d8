namespace GridMap.Domain.Patrol;

/// <summary>
/// One accepted position of an officer's device, as the live layer, the geofence and patrol
/// coverage see it. Speed is in metres per second whatever unit the device sent.
/// </summary>
public sealed record OfficerPosition(
    long OfficerId,
    string DeviceId,
    DateTimeOffset Time,
    double Lat,
    double Lon,
    double? SpeedMps = null,
    double? Heading = null,
    double? Altitude = null,
    double? Accuracy = null,
    double? Battery = null);
