using System.Globalization;
using Bunit;
using Bunit.Diffing;
using Bunit.Extensions;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GridMap.ComponentTests;

/// <summary>
/// A bUnit context with the console's localization, rendering in one UI culture.
/// bUnit 1.9.8's own <c>Bunit.TestContext</c> cannot be constructed on .NET 10 (its JS interop
/// implements IJSUnmarshalledRuntime, which .NET 10 removed), so this context starts from
/// <see cref="TestContextBase"/> and registers only what rendering and markup queries need.
/// Panels run no JavaScript and the tests dispatch no events (which do not work there either).
/// </summary>
internal sealed class PanelTestContext : TestContextBase
{
    private readonly CultureInfo previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo previousUiCulture = CultureInfo.CurrentUICulture;

    public PanelTestContext(string culture = "zh-CN")
    {
        // The culture flows with the test's execution context, so parallel tests do not interfere.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

        Services.AddSingleton<TestContextBase>(this);
        Services.AddSingleton<HtmlComparer>();
        Services.AddSingleton<BunitHtmlParser>();
        Services.AddSingleton<IRenderedComponentActivator, RenderedComponentActivator>();
        Services.AddSingleton<ITestRenderer, WebTestRenderer>();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
    }

    public IRenderedComponent<TComponent> RenderComponent<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent =>
        Renderer.RenderComponent(parameters);

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = previousCulture;
        CultureInfo.CurrentUICulture = previousUiCulture;
        base.Dispose(disposing);
    }
}
