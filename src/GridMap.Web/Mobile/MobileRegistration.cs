using GridMap.Web.Services;

namespace GridMap.Web.Mobile;

/// <summary>Registers the officers' mobile page and the case photo endpoints.</summary>
public static class MobileRegistration
{
    public static IServiceCollection AddMobile(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PhotoIntake>();
        services.AddSingleton<MobileTasks>();
        services.AddConfigured<MobileOptions>(MobileOptions.SectionName);
        return services;
    }

    /// <summary>The photo endpoints and the task list fragment; the pages under /m are routed with the other Razor components.</summary>
    public static WebApplication MapMobile(this WebApplication app)
    {
        app.MapCasePhotoEndpoints();
        app.MapMobileTaskFragments();
        return app;
    }
}
