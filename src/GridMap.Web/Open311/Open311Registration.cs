using GridMap.Data.Open311;

namespace GridMap.Web.Open311;

/// <summary>Registers Open311 GeoReport v2 and its API keys.</summary>
public static class Open311Registration
{
    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Open311Options>()
            .BindConfiguration(Open311Options.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ServiceRequestStore>();
        services.AddSingleton<ApiKeyAdministration>();
        return services;
    }

    public static WebApplication MapOpen311(this WebApplication app)
    {
        app.MapOpen311Endpoints();
        app.MapApiKeyEndpoints();
        return app;
    }
}
