using GridMap.Domain.Live;
using GridMap.Web.Live;
using GridMap.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace GridMap.Web.Live;

/// <summary>
/// The consoles' live layer (<c>/hubs/live</c>). A connection gets the officers its user may see
/// (scope checked on the server for every message) in or near the viewport it reports:
/// "positions" (batches, at most one per officer per second), "alerts" (geofence) and "states"
/// (officers turning stale or offline). See docs/api.md, "Live layer".
/// </summary>
[Authorize]
public sealed class LiveHub(ConsoleSessions sessions, GeofenceMonitor geofence, OfficerDirectory directory, ILogger<LiveHub> logger) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        await directory.EnsureLoadedAsync(Context.ConnectionAborted);
        var session = sessions.Open(Context.ConnectionId, user.Identity?.Name ?? "", user.GetGridScope());

        // The snapshot: where everyone in scope is now, and who is out of their grid right now.
        var officers = sessions.OfferSnapshot(session);
        foreach (var alert in geofence.OpenAlerts.OrderBy(a => a.Time))
        {
            if (directory.Find(alert.OfficerId) is { } officer && session.MaySee(officer))
            {
                session.OfferAlert(alert);
            }
        }

        logger.LogInformation("Console {Connection} of {User} connected; snapshot of {Officers} officers", Context.ConnectionId, session.UserName, officers);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await sessions.CloseAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>What the console shows (longitude/latitude); the server adds a margin and sends what lies inside.</summary>
    public void SetViewport(double minLon, double minLat, double maxLon, double maxLat)
    {
        if (GeoBox.Validate(minLon, minLat, maxLon, maxLat) is { } error)
        {
            throw new HubException(error);
        }

        if (sessions.Find(Context.ConnectionId) is not { } session)
        {
            return;
        }

        session.SetViewport(new GeoBox(minLon, minLat, maxLon, maxLat));
        // Officers that were outside the old viewport were not sent meanwhile; those the console
        // already has at their latest position are skipped (see ConsoleSession.OfferIfUnsent).
        sessions.OfferSnapshot(session);
    }
}
