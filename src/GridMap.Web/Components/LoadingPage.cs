using Microsoft.AspNetCore.Components;

namespace GridMap.Web.Components;

/// <summary>
/// Base of the server-rendered pages that load several things before they can render. Static
/// rendering still renders a component once while its OnInitializedAsync is awaiting; that render
/// is thrown away, but a field that is not loaded yet is a NullReferenceException there, and the
/// request answers 500 whenever a database call happens to complete asynchronously. Such pages
/// load in <see cref="LoadPageAsync"/> and render nothing until <see cref="Loaded"/>.
/// </summary>
public abstract class LoadingPage : ComponentBase
{
    /// <summary>True once <see cref="LoadPageAsync"/> has finished (also when it returned early).</summary>
    protected bool Loaded { get; private set; }

    protected sealed override async Task OnInitializedAsync()
    {
        await LoadPageAsync();
        Loaded = true;
    }

    /// <summary>Reads what the page shows; the page renders it only after this completes.</summary>
    protected abstract Task LoadPageAsync();
}
