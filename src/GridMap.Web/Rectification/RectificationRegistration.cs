namespace GridMap.Web.Rectification;

/// <summary>Registers rectification notices (整改通知书) and re-inspection scheduling.</summary>
public static class RectificationRegistration
{
    public static IServiceCollection AddRectification(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapRectification(this WebApplication app) => app;
}
