namespace GridMap.Web.Mobile;

/// <summary>Registers the officers' mobile page and the case photo endpoints.</summary>
public static class MobileRegistration
{
    public static IServiceCollection AddMobile(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PhotoIntake>();
        services.AddSingleton<MobileTasks>();
        services.AddOptions<MobileOptions>()
            .BindConfiguration(MobileOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
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
