using GridMap.Web.Cases;
using GridMap.Web.Grids;
using GridMap.Web.Live;
using GridMap.Web.Security;
using GridMap.Web.Services;
using GridMap.Web.Tiles;
using Microsoft.AspNetCore.Components.Authorization;
using GridMap.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Services;

namespace GridMap.Web.Components;

/// <summary>The console's pages, fragments and account endpoints, wired by Program.cs.</summary>
public static class UiRegistration
{
    public static IServiceCollection AddGridMapUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddConsoleMudBlazor();
        services.AddCascadingAuthenticationState();
        services.AddOptions<CircuitOptions>()
            .BindConfiguration(CircuitOptions.SectionName)
            .Validate(o => o.IsValid, "Circuits:RevalidationInterval must be more than zero and at most 10 minutes")
            .ValidateOnStart();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();
        services.AddOptions<MapOptions>()
            .BindConfiguration(MapOptions.SectionName)
            .Validate(o => o.ExternalBasemapTileSize is 256 or 512, "Map:ExternalBasemapTileSize must be 256 or 512")
            .ValidateOnStart();
        return services;
    }

    /// <summary>MudBlazor's services, with its texts in the console's languages.</summary>
    public static IServiceCollection AddConsoleMudBlazor(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddTransient<MudLocalizer, ConsoleMudLocalizer>();
        return services;
    }

    /// <summary>
    /// Maps the pages, /fragments/*, /signout and /culture. Call after the authentication,
    /// authorization and antiforgery middleware; this also maps the fragment endpoints, so
    /// MapFragmentEndpoints must not be called again.
    /// </summary>
    public static WebApplication MapGridMapUi(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapFragmentEndpoints();
        app.MapAccountEndpoints();
        return app;
    }
}
