namespace GridMap.Web.Administration;

/// <summary>Registers the admin pages and endpoints for the hazard taxonomy and the working calendar.</summary>
public static class AdministrationRegistration
{
    public static IServiceCollection AddAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TaxonomyAdministration>();
        services.AddSingleton<CalendarAdministration>();
        services.AddRectificationAdministration();
        return services;
    }

    public static WebApplication MapAdministration(this WebApplication app)
    {
        app.MapAdministrationEndpoints();
        app.MapRectificationAdministrationEndpoints();
        return app;
    }
}
