namespace GridMap.Web.Worklist;

/// <summary>
/// Registers the grid leaders' worklist (/worklist, its table fragment) and the case panel
/// (/fragments/cases/{id} and its actions), which the map page uses as well.
/// </summary>
public static class WorklistRegistration
{
    public static IServiceCollection AddWorklist(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CasePanelReader>();
        services.AddScoped<WorklistReader>();
        services.AddScoped<WorklistExport>();
        return services;
    }

    public static WebApplication MapWorklist(this WebApplication app)
    {
        app.MapCasePanel();
        app.MapWorklistFragments();
        return app;
    }
}
