using GridMap.Domain.Live;
using GridMap.Web.Security;

namespace GridMap.Web.Live;

public sealed record LiveOfficerResponse(
    long OfficerId,
    string DeviceId,
    string Name,
    string? Role,
    double Lat,
    double Lon,
    DateTimeOffset Time,
    string State,
    string? GridCode,
    double? Battery,
    double? Heading,
    double? Speed);

/// <summary>
/// GET /api/v1/officers/live: the latest state of every officer the caller may see, from the
/// same store and officer directory the consoles are fed from, so the API and the map agree.
/// </summary>
public static class LiveOfficersEndpoint
{
    public const string Path = "/api/v1/officers/live";

    public static IEndpointRouteBuilder MapLiveOfficersEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, List).RequireAuthorization();
        return app;
    }

    internal static IResult List(HttpContext context, LiveOfficerTracker tracker, OfficerDirectory directory)
    {
        var scope = context.User.GetGridScope();
        var officers = new List<LiveOfficerResponse>();
        foreach (var live in tracker.Snapshot())
        {
            var p = live.Position;
            if (directory.Find(p.OfficerId) is not { } officer || !officer.IsVisibleTo(scope))
            {
                continue;
            }

            officers.Add(new LiveOfficerResponse(
                p.OfficerId, p.DeviceId, officer.Name, officer.RoleCode, p.Lat, p.Lon, p.Time,
                live.State.ToCode(), officer.GridCode, p.Battery, p.Heading, p.SpeedMps));
        }

        return Results.Ok(officers);
    }
}
