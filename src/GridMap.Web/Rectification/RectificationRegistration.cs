using GridMap.Data.Rectification;

namespace GridMap.Web.Rectification;

/// <summary>Registers rectification notices (整改通知书) and re-inspection scheduling.</summary>
public static class RectificationRegistration
{
    public static IServiceCollection AddRectification(this IServiceCollection services, IConfiguration configuration)
    {
        // Read from the container's configuration, not the one passed here: it is the final one
        // (a test host adds its settings after Program has registered the services).
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(RectificationOptions.SectionName).Get<RectificationOptions>()
            ?? new RectificationOptions());
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(ReinspectionWatcherOptions.SectionName).Get<ReinspectionWatcherOptions>()
            ?? new ReinspectionWatcherOptions());
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
