namespace GridMap.Web.Worklist;

/// <summary>Registers the grid leaders' worklist.</summary>
public static class WorklistRegistration
{
    public static IServiceCollection AddWorklist(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapWorklist(this WebApplication app) => app;
}
