using GridMap.Domain.Patrol;

namespace GridMap.Web.Patrol;

/// <summary>
/// The OsmAnd protocol, answered at <c>/osmand</c> on the main port and at any path of the
/// dedicated port (<see cref="PatrolOptions.OsmAndPort"/>), with any HTTP method: query or form
/// parameters (<see cref="OsmAndRequestParser"/>), or the JSON body of Traccar Client 9
/// (<see cref="TraccarJsonParser"/>). OsmAnd has no token: the registered, unrevoked device id
/// is the shared secret, so the port belongs behind HTTPS. 200 (empty) once every position is
/// committed; 400 with the reason as text when the device is unknown or the request is not a
/// valid position (nothing is stored); 503 with Retry-After when the server is busy.
/// </summary>
public static class OsmAndEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var ingest = context.RequestServices.GetRequiredService<PositionIngest>();
        var logger = context.RequestServices.GetRequiredService<ILogger<PositionIngest>>();
        var cancellationToken = context.RequestAborted;
        var receivedAt = ingest.Now();

        string? deviceId;
        IReadOnlyList<PositionReport> reports;
        PositionRejection? error;
        try
        {
            if (IngestHttp.IsJson(context.Request.ContentType))
            {
                var body = await IngestHttp.ReadBodyAsync(context.Request, ingest.Options.MaxRequestBytes, cancellationToken);
                if (body is null)
                {
                    await TextAsync(context, StatusCodes.Status413PayloadTooLarge, $"the body is larger than {ingest.Options.MaxRequestBytes} bytes");
                    return;
                }

                var parsed = TraccarJsonParser.Parse(body.Value);
                (deviceId, reports, error) = (parsed.DeviceId, parsed.Reports, parsed.Error);
            }
            else
            {
                var parameters = new List<KeyValuePair<string, string?>>();
                foreach (var (key, values) in context.Request.Query)
                {
                    parameters.AddRange(values.Select(v => new KeyValuePair<string, string?>(key, v)));
                }

                if (context.Request.HasFormContentType)
                {
                    var form = await context.Request.ReadFormAsync(cancellationToken);
                    foreach (var (key, values) in form)
                    {
                        parameters.AddRange(values.Select(v => new KeyValuePair<string, string?>(key, v)));
                    }
                }

                var parsed = OsmAndRequestParser.Parse(parameters);
                (deviceId, reports, error) = (parsed.DeviceId, parsed.Report is { } r ? [r] : [], parsed.Error);
            }
        }
        catch (InvalidDataException ex)
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, $"the form could not be read: {ex.Message}");
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        // An unknown device is told so first, whatever else is wrong with the request.
        var device = deviceId is not null && DeviceIds.IsValid(deviceId)
            ? await ingest.FindDeviceAsync(deviceId, cancellationToken)
            : null;
        if (deviceId is not null && DeviceIds.IsValid(deviceId) && device is null)
        {
            logger.LogInformation("OsmAnd request from unknown or revoked device {DeviceId}", deviceId);
            await TextAsync(context, StatusCodes.Status400BadRequest, PositionRejection.UnknownDevice(deviceId).Reason);
            return;
        }

        if (error is not null || device is null)
        {
            var reason = error?.Reason ?? "the device id is missing";
            logger.LogInformation("OsmAnd request from {DeviceId} refused: {Reason}", deviceId, reason);
            await TextAsync(context, StatusCodes.Status400BadRequest, reason);
            return;
        }

        var positions = new List<OfficerPosition>(reports.Count);
        foreach (var report in reports)
        {
            var verdict = ingest.Check(report, receivedAt);
            if (verdict.Rejection is { } rejection)
            {
                logger.LogInformation("OsmAnd position from {DeviceId} refused: {Reason}", deviceId, rejection.Reason);
                await TextAsync(context, StatusCodes.Status400BadRequest, rejection.Reason);
                return;
            }

            positions.Add(PositionIngest.ToPosition(device, verdict.Accepted!));
        }

        IngestOutcome outcome;
        try
        {
            outcome = await ingest.CommitAsync(positions, receivedAt, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        if (outcome.Status != IngestStatus.Committed)
        {
            IngestHttp.SetRetryAfter(context.Response, ingest.Options.RetryAfterSeconds);
            await TextAsync(context, StatusCodes.Status503ServiceUnavailable, "the server cannot store positions right now; send them again");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static Task TextAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
