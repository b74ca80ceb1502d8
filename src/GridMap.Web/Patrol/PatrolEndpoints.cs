using GridMap.Data.Patrol;
using GridMap.Domain.Live;
using GridMap.Domain.Patrol;
using GridMap.Web.Security;

namespace GridMap.Web.Patrol;

public sealed record BatchRejection(int Index, string Code, string Reason);

/// <summary>
/// The answer to a batch: <c>accepted</c> positions are all in the database (<c>stored</c> by
/// this request, <c>duplicates</c> already there); each rejected one says why.
/// </summary>
public sealed record BatchResponse(int Accepted, int Stored, int Duplicates, IReadOnlyList<BatchRejection> Rejected);

public sealed record DeviceRequest(string? DeviceId, long? OfficerId);

public sealed record DeviceTokenResponse(string DeviceId, long OfficerId, string Token, bool Rotated);

public sealed record DeviceResponse(
    string DeviceId,
    long OfficerId,
    string OfficerName,
    string? Role,
    string? GridCode,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset TokenIssuedAt,
    DateTimeOffset? RevokedAt);

/// <summary>The batch ingest API and the device administration API.</summary>
public static class PatrolEndpoints
{
    public static IEndpointRouteBuilder MapPatrolEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/positions", PostPositionsAsync)
            .RequireAuthorization(GridMapPolicies.PatrolDevice)
            .DisableAntiforgery();

        // Any method, as OsmAnd clients use GET or POST; the phone has no user.
        app.Map("/osmand", OsmAndEndpoint.HandleAsync).AllowAnonymous().DisableAntiforgery();

        var devices = app.MapGroup("/api/v1/devices").RequireAuthorization(GridMapPolicies.Administrator).DisableAntiforgery();
        devices.MapGet("", ListDevicesAsync);
        devices.MapPost("", RegisterDeviceAsync);
        devices.MapDelete("/{deviceId}", RevokeDeviceAsync);
        return app;
    }

    private static async Task<IResult> PostPositionsAsync(HttpContext context, PositionIngest ingest, CancellationToken cancellationToken)
    {
        var tokenDeviceId = context.User.FindFirst(DeviceTokenHandler.DeviceClaim)!.Value;
        var receivedAt = ingest.Now();
        var device = await ingest.FindDeviceAsync(tokenDeviceId, cancellationToken);
        if (device is null)
        {
            // Revoked between authentication and now.
            return Results.Unauthorized();
        }

        var body = await IngestHttp.ReadBodyAsync(context.Request, ingest.Options.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem(
                title: $"The body is larger than {ingest.Options.MaxRequestBytes} bytes; split the batch.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var batch = PositionBatchParser.Parse(body.Value, ingest.Options.MaxPositionsPerRequest);
        if (!batch.IsValid)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [batch.ErrorField!] = [batch.Error!] },
                title: "The batch cannot be read.");
        }

        var rejected = new List<BatchRejection>();
        var positions = new List<OfficerPosition>(batch.Items.Count);
        foreach (var item in batch.Items)
        {
            var rejection = item.Rejection;
            if (rejection is null && item.Report is { } report)
            {
                var deviceId = report.DeviceId ?? device.DeviceId;
                if (deviceId != device.DeviceId)
                {
                    // A token speaks for one device; say whether the other one exists at all.
                    rejection = await ingest.FindDeviceAsync(deviceId, cancellationToken) is null
                        ? PositionRejection.UnknownDevice(deviceId)
                        : PositionRejection.DeviceMismatch(deviceId);
                }
                else
                {
                    var verdict = ingest.Check(report, receivedAt);
                    rejection = verdict.Rejection;
                    if (verdict.Accepted is { } accepted)
                    {
                        positions.Add(PositionIngest.ToPosition(device, accepted));
                    }
                }
            }

            if (rejection is not null)
            {
                rejected.Add(new BatchRejection(item.Index, rejection.Code, rejection.Reason));
            }
        }

        var outcome = await ingest.CommitAsync(positions, receivedAt, cancellationToken);
        if (outcome.Status != IngestStatus.Committed)
        {
            IngestHttp.SetRetryAfter(context.Response, ingest.Options.RetryAfterSeconds);
            return Results.Problem(
                title: outcome.Status == IngestStatus.Busy
                    ? "The server is busy; nothing was stored. Send the batch again after Retry-After."
                    : "The positions could not be stored; nothing is acknowledged. Send the batch again after Retry-After.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok(new BatchResponse(positions.Count, outcome.Stored, outcome.Duplicates, rejected));
    }

    private static async Task<IResult> ListDevicesAsync(DeviceAdministration administration, CancellationToken cancellationToken)
    {
        var devices = await administration.ListAsync(cancellationToken);
        return Results.Ok(devices.Select(ToResponse).ToList());
    }

    private static async Task<IResult> RegisterDeviceAsync(DeviceRequest? request, DeviceAdministration administration, CancellationToken cancellationToken)
    {
        var result = await administration.RegisterAsync(request?.DeviceId, request?.OfficerId, cancellationToken);
        if (!result.Succeeded)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [result.ErrorField!] = [result.Error!] },
                title: "The device cannot be registered.");
        }

        var response = new DeviceTokenResponse(result.DeviceId, result.OfficerId, result.Token!, Rotated: !result.Created);
        return result.Created
            ? Results.Created($"/api/v1/devices/{Uri.EscapeDataString(result.DeviceId)}", response)
            : Results.Ok(response);
    }

    private static async Task<IResult> RevokeDeviceAsync(string deviceId, DeviceAdministration administration, CancellationToken cancellationToken) =>
        await administration.RevokeAsync(deviceId, cancellationToken)
            ? Results.NoContent()
            : Results.Problem(title: $"There is no active device '{deviceId}'.", statusCode: StatusCodes.Status404NotFound);

    private static DeviceResponse ToResponse(DeviceListing d) =>
        new(d.DeviceId, d.OfficerId, d.OfficerName, d.Role, d.GridCode, d.IsRevoked ? "revoked" : "active",
            d.CreatedAt, d.TokenIssuedAt, d.RevokedAt);
}
