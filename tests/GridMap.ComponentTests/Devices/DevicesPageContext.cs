using GridMap.Web.Security;
using Bunit;
using GridMap.Web.Patrol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using GridMap.Web.Components;

namespace GridMap.ComponentTests.Devices;

/// <summary>
/// A bUnit context for the devices page: MudBlazor, the patrol services as the application
/// registers them (over the demo database), a fake clock, and an administrator signed in.
/// </summary>
internal sealed class DevicesPageContext : BunitContext
{
    private readonly System.Globalization.CultureInfo previousUiCulture = System.Globalization.CultureInfo.CurrentUICulture;
    private readonly System.Globalization.CultureInfo previousCulture = System.Globalization.CultureInfo.CurrentCulture;

    public DevicesPageContext(DemoDatabase database, FakeTimeProvider time, string culture = "zh-CN")
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(database.DataSource);
        Services.AddSingleton<TimeProvider>(time);
        // Options bind from configuration (BindConfiguration), as in the application: an empty one here.
        var configuration = new ConfigurationBuilder().Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddPatrolIngest(configuration);
        Services.AddOptions<GridMap.Web.Live.LiveOptions>();
        Services.AddConsoleMudBlazor();

        var authorization = AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetRoles("admin");
        authorization.SetPolicies(GridMapPolicies.Administrator);

        // Dialogs and the autocomplete's list render in these providers, outside the page.
        Providers = Render<MudProviders>();
    }

    public IRenderedComponent<MudProviders> Providers { get; }

    protected override void Dispose(bool disposing)
    {
        System.Globalization.CultureInfo.CurrentCulture = previousCulture;
        System.Globalization.CultureInfo.CurrentUICulture = previousUiCulture;
        base.Dispose(disposing);
    }
}
