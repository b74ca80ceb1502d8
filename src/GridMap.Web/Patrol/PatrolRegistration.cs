using GridMap.Data.Patrol;
using GridMap.Domain.Access;
using GridMap.Web.Live;
using GridMap.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GridMap.Web.Patrol;

/// <summary>Live patrols' ingest side, wired by Program.cs: services, authentication, endpoints.</summary>
public static class PatrolRegistration
{
    public const string DevicePolicy = "PatrolDevice";
    public const string AdminPolicy = "PatrolAdmin";

    /// <summary>The path whose bearer tokens are device tokens, not user tokens.</summary>
    public const string DeviceIngestPath = "/api/v1/positions";

    public static IServiceCollection AddPatrolIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PatrolOptions>()
            .Bind(configuration.GetSection(PatrolOptions.SectionName))
            .Validate(o => o.Validate() is null, "Patrol options are inconsistent (see PatrolOptions.Validate)")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PositionFeed>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<PositionPartitions>();
        services.AddSingleton<DeviceDirectory>();
        services.AddSingleton<PositionIngestQueue>();
        services.AddSingleton<PositionIngest>();
        services.AddSingleton<DeviceAdministration>();
        services.AddSingleton<PositionRetention>();
        services.AddHostedService<PatrolStateRefresher>();
        services.AddHostedService<PositionWriterService>();
        services.AddHostedService<PositionRetentionService>();
        services.AddTransient<IStartupFilter, OsmAndPortStartupFilter>();

        // Phones authenticate with device tokens on the ingest path. The console's composite
        // scheme would send any bearer token to the user-token handler (a database lookup that
        // must fail); on the ingest path it is sent to the device handler instead, which
        // answers from memory. Everywhere else a device token is worth nothing.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DeviceTokenHandler>(DeviceTokenHandler.SchemeName, null);
        services.PostConfigure<PolicySchemeOptions>(GridMapServices.CompositeScheme, o =>
        {
            var inner = o.ForwardDefaultSelector;
            o.ForwardDefaultSelector = context => context.Request.Path.StartsWithSegments(DeviceIngestPath)
                ? DeviceTokenHandler.SchemeName
                : inner?.Invoke(context);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(DevicePolicy, p => p
                .AddAuthenticationSchemes(DeviceTokenHandler.SchemeName)
                .RequireClaim(DeviceTokenHandler.DeviceClaim))
            .AddPolicy(AdminPolicy, p => p
                .RequireAuthenticatedUser()
                .RequireRole(UserRole.Admin.ToCode()));
        return services;
    }

    public static WebApplication MapPatrolIngest(this WebApplication app)
    {
        app.MapPatrolEndpoints();
        return app;
    }
}
