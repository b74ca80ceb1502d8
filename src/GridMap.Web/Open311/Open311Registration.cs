using GridMap.Data.Open311;
using GridMap.Web.Services;

namespace GridMap.Web.Open311;

/// <summary>Registers Open311 GeoReport v2 and its API keys.</summary>
public static class Open311Registration
{
    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConfigured(c =>
        {
            var options = c.GetSection(Open311Options.SectionName).Get<Open311Options>() ?? new Open311Options();
            // A zone that does not exist should fail loudly on first use, naming the zone.
            _ = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
            return options;
        });
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ServiceRequestStore>();
        services.AddSingleton<ApiKeyAdministration>();
        ApiKeyEndpoints.AddPolicies(services);
        return services;
    }

    public static WebApplication MapOpen311(this WebApplication app)
    {
        app.MapOpen311Endpoints();
        app.MapApiKeyEndpoints();
        return app;
    }
}
