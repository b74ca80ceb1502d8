namespace GridMap.Web.Statistics;

/// <summary>Registers the case statistics pages, their data endpoints and the monthly CSV.</summary>
public static class StatisticsRegistration
{
    public static IServiceCollection AddCaseStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        // The repositories, the indicator weights and the calendar options come from AddCases.
        services.AddSingleton<StatisticsService>();
        return services;
    }

    public static WebApplication MapCaseStatistics(this WebApplication app)
    {
        app.MapStatisticsEndpoints();
        return app;
    }
}
