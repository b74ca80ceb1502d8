using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace GridMap.ComponentTests;

/// <summary>
/// A bUnit context with the console's localization, rendering in one UI culture.
/// JavaScript interop is strict: a static panel that called JavaScript would fail its test.
/// </summary>
internal sealed class PanelTestContext : BunitContext
{
    private readonly CultureInfo previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo previousUiCulture = CultureInfo.CurrentUICulture;

    public PanelTestContext(string culture = "zh-CN")
    {
        // The culture flows with the test's execution context, so parallel tests do not interfere.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = previousCulture;
        CultureInfo.CurrentUICulture = previousUiCulture;
        base.Dispose(disposing);
    }
}

internal static class RenderedFragmentText
{
    /// <summary>
    /// The rendered text. bUnit's Markup string escapes every non-ASCII character (&amp;#x...;), so
    /// Chinese is asserted on the parsed DOM's text instead.
    /// </summary>
    public static string Text<TComponent>(this IRenderedComponent<TComponent> fragment)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        string.Concat(fragment.Nodes.Select(n => n.TextContent));
}
