using GridMap.Data.Departments;

namespace GridMap.Web.Departments;

/// <summary>Registers the notification of responsible departments.</summary>
public static class DepartmentRegistration
{
    public static IServiceCollection AddDepartmentNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        // Read from the container's configuration, not the one passed here: it is the final one
        // (a test host adds its settings after Program has registered the services).
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(DepartmentNotifierOptions.SectionName).Get<DepartmentNotifierOptions>()
            ?? new DepartmentNotifierOptions());
        services.AddSingleton<DepartmentNotificationRepository>();
        services.AddSingleton<DepartmentDeliveries>();
        // The notifier sets its own per-request timeout; the client's must not cut in first.
        services.AddHttpClient(DepartmentNotifier.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<DepartmentNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<DepartmentNotifier>());
        return services;
    }

    public static WebApplication MapDepartmentNotifications(this WebApplication app)
    {
        app.MapDepartmentEndpoints();
        return app;
    }
}
