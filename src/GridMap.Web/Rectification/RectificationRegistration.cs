using GridMap.Data.Rectification;

namespace GridMap.Web.Rectification;

/// <summary>Registers rectification notices (整改通知书) and re-inspection scheduling.</summary>
public static class RectificationRegistration
{
    public static IServiceCollection AddRectification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RectificationOptions>()
            .BindConfiguration(RectificationOptions.SectionName)
            .Validate(o => o.RepeatDays >= 1, "Rectification:RepeatDays must be at least 1")
            .ValidateOnStart();
        services.AddOptions<ReinspectionWatcherOptions>()
            .BindConfiguration(ReinspectionWatcherOptions.SectionName)
            .Validate(o => o.Interval >= TimeSpan.Zero, "Rectification:Watcher:Interval must not be negative (zero turns the watcher off)")
            .Validate(o => o.BatchSize > 0, "Rectification:Watcher:BatchSize must be positive")
            .ValidateOnStart();
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
