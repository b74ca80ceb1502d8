using GridMap.Web.Live;
using GridMap.Data.Patrol;
using GridMap.Domain.Access;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using Microsoft.Extensions.Options;

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

/// <summary>A field of a registration that is wrong: the field's API name, a code for the message, English text for the API.</summary>
public sealed record DeviceFieldError(string Field, string Code, string Message);

/// <summary>A listed device and its officer's live state (from the device's last report) when listed.</summary>
public sealed record DeviceListEntry(DeviceRow Device, LiveState State);

public sealed record DeviceListPage(IReadOnlyList<DeviceListEntry> Entries, int Total, DateTimeOffset At);

/// <summary>
/// Registering and revoking devices, for the admin API and the admin page alike. A token is 32
/// random bytes returned once; only its hash is stored. Registering an existing id again gives
/// it a new token (the old one stops working at once) and may move it to another officer.
/// </summary>
public sealed class DeviceAdministration(
    DeviceStore store,
    DeviceDirectory directory,
    TimeProvider time,
    IOptions<LiveOptions> options,
    ILogger<DeviceAdministration> logger)
{
    /// <summary>
    /// Every field error of a registration at once (the API answers the first, the page shows
    /// them all): <c>deviceId</c> (code device_id) and <c>officerId</c> (officer_required).
    /// </summary>
    public static IReadOnlyList<DeviceFieldError> Validate(string? deviceId, long? officerId)
    {
        var errors = new List<DeviceFieldError>(2);
        if (DeviceIds.Validate(deviceId?.Trim()) is { } idError)
        {
            errors.Add(new DeviceFieldError("deviceId", "device_id", idError));
        }

        if (officerId is not > 0)
        {
            errors.Add(new DeviceFieldError("officerId", "officer_required", "officerId is required (the id of an officer)"));
        }

        return errors;
    }

    public async Task<DeviceRegistrationResult> RegisterAsync(string? deviceId, long? officerId, CancellationToken cancellationToken)
    {
        deviceId = deviceId?.Trim();
        if (Validate(deviceId, officerId) is [var first, ..])
        {
            return Failure(deviceId ?? "", officerId ?? 0, first.Field, first.Code, first.Message);
        }

        var officer = officerId.GetValueOrDefault();
        var token = DeviceTokens.NewToken();
        var hash = DeviceTokens.Hash(token);
        var outcome = await store.RegisterAsync(deviceId!, officer, hash, time.GetUtcNow(), cancellationToken);
        if (outcome == DeviceRegistration.UnknownOfficer)
        {
            return Failure(deviceId!, officer, "officerId", "unknown_officer", $"there is no officer {officerId}");
        }

        await directory.PutAsync(new ActiveDevice(deviceId!, officer, hash), cancellationToken);
        logger.LogInformation("Device {DeviceId} {Outcome} for officer {OfficerId}",
            deviceId, outcome == DeviceRegistration.Created ? "registered" : "given a new token", officerId);
        return new DeviceRegistrationResult(deviceId!, officer, token, outcome == DeviceRegistration.Created, null, null, null);
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

    /// <summary>One page of the devices in the caller's scope, each with its live state now.</summary>
    public async Task<DeviceListPage> SearchAsync(DevicePageQuery query, CancellationToken cancellationToken)
    {
        var page = await store.SearchAsync(query, cancellationToken);
        var now = time.GetUtcNow();
        var settings = options.Value;
        var entries = page.Rows
            .Select(row => new DeviceListEntry(
                row,
                row.LastSeen is { } seen ? LiveStates.Classify(seen, now, settings.StaleAfter, settings.OfflineAfter) : LiveState.Offline))
            .ToList();
        return new DeviceListPage(entries, page.Total, now);
    }

    /// <summary>Officers in the caller's scope whose name contains the text, for picking a device's owner.</summary>
    public Task<IReadOnlyList<OfficerChoice>> SearchOfficersAsync(GridScope scope, string? name, CancellationToken cancellationToken) =>
        store.SearchOfficersAsync(scope, name, OfficerChoices, cancellationToken);

    private const int OfficerChoices = 20;

    private static DeviceRegistrationResult Failure(string deviceId, long officerId, string field, string code, string message) =>
        new(deviceId, officerId, null, false, field, code, message);
}

/// <summary>A registration made in the console: its token (shown once) and the officer picked.</summary>
public sealed record DeviceRegistered(DeviceRegistrationResult Result, OfficerChoice Officer);
