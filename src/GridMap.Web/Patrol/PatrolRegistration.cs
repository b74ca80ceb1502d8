using GridMap.Data.Patrol;
using GridMap.Web.Live;
using GridMap.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Patrol;

/// <summary>Live patrols' ingest side, wired by Program.cs: services, authentication, endpoints.</summary>
public static class PatrolRegistration
{
    /// <summary>The path whose bearer tokens are device tokens, not user tokens.</summary>
    public const string DeviceIngestPath = "/api/v1/positions";

    public static IServiceCollection AddPatrolIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PatrolOptions>()
            .BindConfiguration(PatrolOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PatrolOptions>, PatrolOptionsValidator>();

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
        return services;
    }

    public static WebApplication MapPatrolIngest(this WebApplication app)
    {
        app.MapPatrolEndpoints();
        return app;
    }
}

/// <summary>Start-up validation of <see cref="PatrolOptions"/> with the option named in the message.</summary>
internal sealed class PatrolOptionsValidator : IValidateOptions<PatrolOptions>
{
    public ValidateOptionsResult Validate(string? name, PatrolOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
