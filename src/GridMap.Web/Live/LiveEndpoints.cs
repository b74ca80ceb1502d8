using GridMap.Data.Grids;
using GridMap.Data.Live;
using GridMap.Domain.Grids;
using GridMap.Domain.Live;
using GridMap.Web.Components.Panels;
using GridMap.Web.Live;
using GridMap.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Live;

public sealed record TrackPointResponse(double Lat, double Lon, DateTimeOffset Time, double? Speed);

public sealed record TrackStopResponse(double Lat, double Lon, DateTimeOffset From, DateTimeOffset To, double Minutes);

public sealed record TrackResponse(
    long OfficerId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<TrackPointResponse> Points,
    IReadOnlyList<TrackStopResponse> Stops, bool Truncated);

public sealed record CoverageBuildingResponse(long BuildingId, string Address, DateTimeOffset? LastVisit);

public sealed record CoverageResponse(
    string GridCode,
    DateTimeOffset From,
    DateTimeOffset To,
    double Distance,
    int Days,
    int Buildings,
    int Visited,
    double Percent,
    IReadOnlyList<long> VisitedBuildingIds,
    IReadOnlyList<long> NotVisitedBuildingIds,
    IReadOnlyList<CoverageBuildingResponse> NotVisitedSince);

/// <summary>Track replay, patrol coverage and the officer panel, all within the caller's scope.</summary>
public static class LiveEndpoints
{
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/officers/{id:long}/track", GetTrackAsync).RequireAuthorization();
        app.MapGet("/api/v1/coverage", GetCoverageAsync).RequireAuthorization();

        var fragments = app.MapGroup("/fragments/officers").RequireAuthorization();
        fragments.AddEndpointFilter(async (context, next) =>
        {
            // Names and phones of officers: keep them out of caches, like the other panels.
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        fragments.MapGet("/{id:long}", GetOfficerPanelAsync);
        return app;
    }

    internal static async Task<IResult> GetTrackAsync(
        long id, string? from, string? to, string? stopMinutes, string? stopRadius,
        HttpContext context, LiveRepository repository, ShiftClock clock, IOptions<LiveOptions> options,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>();
        var end = ParseInstant(to, "to", clock, clock.Now, errors);
        var start = ParseInstant(from, "from", clock, clock.StartOfLocalDay(end), errors);
        var minStop = ParseNumber(stopMinutes, "stopMinutes", 0.5, 240, settings.StopMinDuration.TotalMinutes, errors);
        var radius = ParseNumber(stopRadius, "stopRadius", 5, 1000, settings.StopRadiusMetres, errors);
        if (errors.Count == 0 && start >= end)
        {
            errors["from"] = [$"from ({start:O}) must be before to ({end:O})"];
        }
        else if (errors.Count == 0 && end - start > settings.MaxTrackRange)
        {
            errors["to"] = [$"the range from..to is {(end - start).TotalHours:0.#} h; at most {settings.MaxTrackRange.TotalHours:0.#} h may be asked at once"];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The track request is invalid.");
        }

        if (await repository.GetOfficerAsync(context.User.GetGridScope(), id, cancellationToken) is null)
        {
            return Results.Problem(title: $"Officer {id} does not exist or is not among your grids.", statusCode: StatusCodes.Status404NotFound);
        }

        // One more than the cap tells whether the track was cut.
        var points = await repository.GetTrackAsync(id, start, end, settings.MaxTrackPoints + 1, cancellationToken);
        var truncated = points.Count > settings.MaxTrackPoints;
        if (truncated)
        {
            points = points.Take(settings.MaxTrackPoints).ToList();
        }

        var stops = StopDetector.Detect(points, TimeSpan.FromMinutes(minStop), radius);
        return Results.Ok(new TrackResponse(
            id, start, end,
            points.Select(p => new TrackPointResponse(p.Lat, p.Lon, p.Time, p.SpeedMps)).ToList(),
            stops.Select(s => new TrackStopResponse(s.Lat, s.Lon, s.From, s.To, Math.Round(s.Minutes, 1))).ToList(),
            truncated));
    }

    internal static async Task<IResult> GetCoverageAsync(
        string? grid, string? from, string? to, string? days, string? distance,
        HttpContext context, LiveRepository repository, ShiftClock clock, IOptions<LiveOptions> options,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(grid))
        {
            errors["grid"] = ["grid is required (a grid code)"];
        }
        else if (GridCode.Validate(grid) is { } gridError)
        {
            errors["grid"] = [gridError];
        }

        var end = ParseInstant(to, "to", clock, clock.Now, errors);
        var start = ParseInstant(from, "from", clock, clock.StartOfLocalDay(end), errors);
        var overdueDays = (int)ParseNumber(days, "days", 1, settings.CoverageMaxDays, settings.CoverageOverdueDays, errors, integer: true);
        var metres = ParseNumber(distance, "distance", 1, 500, settings.CoverageDistanceMetres, errors);
        if (errors.Count == 0 && start >= end)
        {
            errors["from"] = [$"from ({start:O}) must be before to ({end:O})"];
        }

        if (errors.Count == 0 && end - start > TimeSpan.FromDays(settings.CoverageMaxDays))
        {
            errors["from"] = [$"the period is {(end - start).TotalDays:0.#} days long; at most {settings.CoverageMaxDays} may be asked at once"];
        }

        // The positions read: the period, and the lookback that dates the last visit of overdue buildings.
        var overdueSince = end - TimeSpan.FromDays(overdueDays);
        var lookbackFrom = end - TimeSpan.FromDays(Math.Max(overdueDays, settings.CoverageLookbackDays));
        var windowFrom = start < lookbackFrom ? start : lookbackFrom;

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The coverage request is invalid.");
        }

        var scope = context.User.GetGridScope();
        if (await repository.GetGridLevelAsync(scope, grid!, cancellationToken) is null)
        {
            return Results.Problem(title: $"Grid {grid} does not exist or is not among your grids.", statusCode: StatusCodes.Status404NotFound);
        }

        var rows = await repository.GetCoverageAsync(scope, grid!, windowFrom, end, metres, cancellationToken);
        var visited = rows.Where(r => r.LastVisit >= start).Select(r => r.BuildingId).ToList();
        bool IsOverdue(BuildingVisitRow r) => r.LastVisit is null || r.LastVisit < overdueSince;
        var overdue = rows.Where(IsOverdue)
            .Select(r => new CoverageBuildingResponse(r.BuildingId, r.Address, r.LastVisit))
            .ToList();
        var notInPeriod = rows.Where(r => !(r.LastVisit >= start) && !IsOverdue(r)).Select(r => r.BuildingId).ToList();
        var percent = rows.Count == 0 ? 0 : Math.Round(100.0 * visited.Count / rows.Count, 1);
        return Results.Ok(new CoverageResponse(grid!, start, end, metres, overdueDays, rows.Count, visited.Count, percent, visited, notInPeriod, overdue));
    }

    internal static async Task<IResult> GetOfficerPanelAsync(
        long id, HttpContext context, LiveRepository repository, LiveOfficerTracker tracker, GeofenceMonitor geofence,
        GridLocatorSource locator, ShiftClock clock, GridMap.Web.Mobile.MobileTasks tasks, GridRepository grids, CancellationToken cancellationToken)
    {
        var officer = await repository.GetOfficerAsync(context.User.GetGridScope(), id, cancellationToken);
        if (officer is null)
        {
            return new RazorComponentResult<NotFoundPanel> { StatusCode = StatusCodes.Status404NotFound };
        }

        var live = tracker.Find(id);
        var alert = geofence.FindOpenAlert(id);
        var now = clock.Now;
        var at = live is null ? null : locator.Current.Locate(live.Position.Lon, live.Position.Lat);
        var onShift = officer.Assignments.Any(a =>
            clock.IsOnShift(new ShiftWindow(a.ShiftCode, a.ShiftStartsAt, a.ShiftEndsAt), now));
        var model = new OfficerPanelModel(
            officer,
            live,
            live is null ? null : clock.ToLocal(live.Position.Time),
            live is null ? null : now - live.Position.Time,
            at,
            onShift,
            alert,
            alert is null ? null : clock.ToLocal(alert.Time),
            await tasks.CurrentCasesAsync(context.User.GetGridScope(), id, OfficerPanel.MaxCases + 1, cancellationToken))
        {
            AtGridName = at is null ? null : (await grids.NamesAsync([at], cancellationToken)).GetValueOrDefault(at),
        };
        return new RazorComponentResult<OfficerPanel>(new Dictionary<string, object?> { [nameof(OfficerPanel.Model)] = model });
    }

    private static DateTimeOffset ParseInstant(
        string? text, string name, ShiftClock clock, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (InstantParser.TryParse(text, clock, out var instant))
        {
            return instant;
        }

        errors[name] = [$"{name} must be an ISO-8601 time such as 2026-09-30T08:00:00+08:00 (got '{text}')"];
        return fallback;
    }

    private static double ParseNumber(
        string? text, string name, double min, double max, double fallback, Dictionary<string, string[]> errors, bool integer = false)
    {
        if (text is null)
        {
            return fallback;
        }

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var styles = integer ? System.Globalization.NumberStyles.Integer : System.Globalization.NumberStyles.Float;
        var ok = double.TryParse(text, styles, culture, out var value);
        if (!ok || !double.IsFinite(value) || value < min || value > max)
        {
            errors[name] = [$"{name} must be {(integer ? "a whole number" : "a number")} from {min} to {max} (got '{text}')"];
            return fallback;
        }

        return value;
    }
}
