using Microsoft.Extensions.Options;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using GridMap.Data;
using GridMap.Data.Live;
using GridMap.Domain.Live;
using GridMap.Web.Cases;
using GridMap.Web.Grids;
using GridMap.Web.Security;
using GridMap.Web.Services;
using GridMap.Web.Tiles;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GridMap.Web.Live;

/// <summary>The live layer: hub, broadcaster, geofence, track and coverage APIs, officer panel. Wired by Program.cs.</summary>
public static class LiveLayer
{
    public const string HubPath = "/hubs/live";

    public static IServiceCollection AddLiveLayer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>()
            .BindConfiguration(LiveOptions.SectionName)
            .Validate(o => o.StaleAfter > TimeSpan.Zero && o.OfflineAfter > o.StaleAfter,
                "Live:StaleAfter must be positive and Live:OfflineAfter longer than it")
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.StateSweepInterval > TimeSpan.Zero && o.ReferenceCheckInterval > TimeSpan.Zero
                    && o.CoalescingInterval >= TimeSpan.Zero && o.DirectoryRefreshInterval > TimeSpan.Zero,
                "Live:FlushInterval, StateSweepInterval, ReferenceCheckInterval and DirectoryRefreshInterval must be positive, CoalescingInterval not negative")
            .Validate(o => o.MaxBatch > 0 && o.MaxPendingPerConsole > 0 && o.MaxAlertsPerConsole > 0 && o.MaxTrackPoints > 0,
                "Live:MaxBatch, MaxPendingPerConsole, MaxAlertsPerConsole and MaxTrackPoints must be positive")
            .Validate(o => o.Validate() is null, "Live options are inconsistent (see LiveOptions.Validate)")
            .ValidateOnStart();
        services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));

        // Ingest publishes to the feed, the live layer reads it.
        services.AddSingleton<PositionFeed>();
        services.AddSingleton(sp => new ShiftClock(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DistrictTimeZone>().Zone));
        services.AddSingleton<LiveRepository>();
        services.AddSingleton<OfficerDirectory>();
        services.AddSingleton<GridLocatorSource>();
        services.AddSingleton(sp => new LiveOfficerTracker(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<LiveOptions>>().Value.Thresholds));
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<GeofenceMonitor>();
        services.AddSingleton<LiveBroadcaster>();
        services.AddSingleton<LiveStateSweeper>();

        // The refresher first: its StartAsync loads the officers and the grid locator.
        services.AddHostedService<LiveReferenceRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<GeofenceMonitor>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveBroadcaster>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveStateSweeper>());

        // The hub answers 401 to a console whose session expired, like the APIs, instead of
        // redirecting its negotiate request to the sign-in page.
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            var redirect = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/hubs"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                return redirect(context);
            };
        });
        return services;
    }

    public static WebApplication MapLiveLayer(this WebApplication app)
    {
        app.MapHub<LiveHub>(HubPath).RequireAuthorization();
        app.MapLiveOfficersEndpoint();
        app.MapLiveEndpoints();
        return app;
    }
}
