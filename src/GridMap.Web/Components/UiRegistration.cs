using GridMap.Web.Endpoints;

namespace GridMap.Web.Components;

/// <summary>The console's pages, fragments and account endpoints, wired by Program.cs.</summary>
public static class UiRegistration
{
    public static IServiceCollection AddGridMapUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents();
        services.AddOptions<MapOptions>()
            .BindConfiguration(MapOptions.SectionName)
            .Validate(o => o.ExternalBasemapTileSize is 256 or 512, "Map:ExternalBasemapTileSize must be 256 or 512")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Maps the pages, /fragments/*, /signout and /culture. Call after the authentication,
    /// authorization and antiforgery middleware; this also maps the fragment endpoints, so
    /// MapFragmentEndpoints must not be called again.
    /// </summary>
    public static WebApplication MapGridMapUi(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapFragmentEndpoints();
        app.MapAccountEndpoints();
        return app;
    }
}
