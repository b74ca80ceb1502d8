namespace GridMap.Web.Departments;

/// <summary>Registers the notification of responsible departments.</summary>
public static class DepartmentRegistration
{
    public static IServiceCollection AddDepartmentNotifications(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapDepartmentNotifications(this WebApplication app) => app;
}
