using GridMap.Data.Departments;

namespace GridMap.Web.Departments;

/// <summary>Registers the notification of responsible departments.</summary>
public static class DepartmentRegistration
{
    public static IServiceCollection AddDepartmentNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DepartmentNotifierOptions>()
            .BindConfiguration(DepartmentNotifierOptions.SectionName)
            .Validate(o => o.Interval >= TimeSpan.Zero, "Departments:Notifier:Interval must not be negative (zero turns the notifier off)")
            .Validate(o => o.MaxAttempts > 0 && o.BatchSize > 0 && o.Overlap >= 0,
                "Departments:Notifier:MaxAttempts and BatchSize must be positive, Overlap not negative")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryBaseDelay && o.RequestTimeout > TimeSpan.Zero && o.Lease > TimeSpan.Zero,
                "Departments:Notifier:RetryBaseDelay, RequestTimeout and Lease must be positive, MaxRetryDelay at least RetryBaseDelay")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Departments:Notifier:PublicBaseUrl must be an absolute URL")
            .ValidateOnStart();
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
