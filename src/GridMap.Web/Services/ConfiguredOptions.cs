namespace GridMap.Web.Services;

/// <summary>
/// Registers a plain options object read from configuration when the container first needs it,
/// not while the services are being registered: the test host and other hosting layers add
/// their configuration sources after Program has registered its services, and a section read too
/// early silently misses them.
/// </summary>
public static class ConfiguredOptions
{
    public static IServiceCollection AddConfigured<T>(this IServiceCollection services, string sectionName)
        where T : class, new() =>
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(sectionName).Get<T>() ?? new T());

    public static IServiceCollection AddConfigured<T>(this IServiceCollection services, Func<IConfiguration, T> read)
        where T : class =>
        services.AddSingleton(sp => read(sp.GetRequiredService<IConfiguration>()));
}
