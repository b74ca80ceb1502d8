namespace GridMap.Web.Open311;

/// <summary>Registers Open311 GeoReport v2 and its API keys.</summary>
public static class Open311Registration
{
    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapOpen311(this WebApplication app) => app;
}
