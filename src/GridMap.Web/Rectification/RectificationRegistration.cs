using GridMap.Data.Rectification;

namespace GridMap.Web.Rectification;

/// <summary>Registers rectification notices (整改通知书) and re-inspection scheduling.</summary>
public static class RectificationRegistration
{
    public static IServiceCollection AddRectification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(RectificationOptions.SectionName).Get<RectificationOptions>() ?? new RectificationOptions());
        services.AddSingleton(configuration.GetSection(ReinspectionWatcherOptions.SectionName).Get<ReinspectionWatcherOptions>() ?? new ReinspectionWatcherOptions());
        services.AddSingleton<RectificationRepository>();
        services.AddSingleton<ReinspectionWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ReinspectionWatcher>());
        return services;
    }

    public static WebApplication MapRectification(this WebApplication app)
    {
        app.MapRectificationEndpoints();
        return app;
    }
}
