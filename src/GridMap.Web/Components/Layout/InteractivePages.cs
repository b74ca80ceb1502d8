using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace GridMap.Web.Components.Layout;

/// <summary>
/// Which pages run on a circuit. The console moves to interactive Blazor Server page by page: a
/// page that declares <c>@rendermode InteractiveServer</c> gets the whole tree (layout, MudBlazor
/// providers, blazor.web.js) interactive; every other page stays static server rendering with
/// its forms, htmx fragments and TypeScript modules exactly as before.
/// </summary>
public static class InteractivePages
{
    /// <summary>The render mode of the page this request reached, or null for a static page.</summary>
    public static IComponentRenderMode? RenderModeOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RenderModeAttribute>()?.Mode;

    public static bool IsInteractive(Type pageType) =>
        pageType.GetCustomAttribute<RenderModeAttribute>(inherit: true) is not null;
}
