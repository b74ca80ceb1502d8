using GridMap.Data.Patrol;
using GridMap.Domain.Patrol;

namespace GridMap.Web.Patrol;

/// <summary>The result of registering a device: the token (shown once) or the field at fault.</summary>
public sealed record DeviceRegistrationResult(
    string DeviceId,
    long OfficerId,
    string? Token,
    bool Created,
    string? ErrorField,
    string? ErrorCode,
    string? Error)
{
    public bool Succeeded => Token is not null;
}

/// <summary>
/// Registering and revoking devices, for the admin API and the admin page alike. A token is 32
/// random bytes returned once; only its hash is stored. Registering an existing id again gives
/// it a new token (the old one stops working at once) and may move it to another officer.
/// </summary>
public sealed class DeviceAdministration(
    DeviceStore store,
    DeviceDirectory directory,
    TimeProvider time,
    ILogger<DeviceAdministration> logger)
{
    public async Task<DeviceRegistrationResult> RegisterAsync(string? deviceId, long? officerId, CancellationToken cancellationToken)
    {
        deviceId = deviceId?.Trim();
        if (DeviceIds.Validate(deviceId) is { } idError)
        {
            return Failure(deviceId ?? "", officerId ?? 0, "deviceId", "device_id", idError);
        }

        if (officerId is not > 0)
        {
            return Failure(deviceId!, officerId ?? 0, "officerId", "officer_required", "officerId is required (the id of an officer)");
        }

        var token = DeviceTokens.NewToken();
        var hash = DeviceTokens.Hash(token);
        var outcome = await store.RegisterAsync(deviceId!, officerId.Value, hash, time.GetUtcNow(), cancellationToken);
        if (outcome == DeviceRegistration.UnknownOfficer)
        {
            return Failure(deviceId!, officerId.Value, "officerId", "unknown_officer", $"there is no officer {officerId}");
        }

        await directory.PutAsync(new ActiveDevice(deviceId!, officerId.Value, hash), cancellationToken);
        logger.LogInformation("Device {DeviceId} {Outcome} for officer {OfficerId}",
            deviceId, outcome == DeviceRegistration.Created ? "registered" : "given a new token", officerId);
        return new DeviceRegistrationResult(deviceId!, officerId.Value, token, outcome == DeviceRegistration.Created, null, null, null);
    }

    /// <summary>Revokes a device: its token and its id stop working at once. False when no such active device.</summary>
    public async Task<bool> RevokeAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(deviceId) || !await store.RevokeAsync(deviceId, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        await directory.RemoveAsync(deviceId, cancellationToken);
        logger.LogInformation("Device {DeviceId} revoked", deviceId);
        return true;
    }

    public Task<IReadOnlyList<DeviceListing>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    private static DeviceRegistrationResult Failure(string deviceId, long officerId, string field, string code, string message) =>
        new(deviceId, officerId, null, false, field, code, message);
}
