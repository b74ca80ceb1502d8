using System.Globalization;
using Bunit;
using Bunit.Diffing;
using Bunit.Extensions;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;

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
        Services.AddSingleton<ITestRenderer>(sp =>
            new WebTestRenderer(sp.GetRequiredService<IRenderedComponentActivator>(), Services, sp.GetRequiredService<ILoggerFactory>()));
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<IJSRuntime, NoJSRuntime>();
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

/// <summary>The renderer asks for an IJSRuntime; static panels never call it.</summary>
internal sealed class NoJSRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        throw new NotSupportedException($"Panels must not call JavaScript ({identifier}).");

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        throw new NotSupportedException($"Panels must not call JavaScript ({identifier}).");
}

internal static class RenderedFragmentText
{
    /// <summary>
    /// The rendered text. bUnit's Markup string escapes every non-ASCII character (&amp;#x...;), so
    /// Chinese is asserted on the parsed DOM's text instead.
    /// </summary>
    public static string Text(this IRenderedFragment fragment) =>
        string.Concat(fragment.Nodes.Select(n => n.TextContent));
}
