using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GridMap.Web.Components.Layout;

/// <summary>
/// MudBlazor's own texts (pager, sort buttons, close buttons) through the console's resources,
/// keyed as MudBlazor names them (e.g. MudDataGridPager_RowsPerPage). A key the resources lack
/// is reported not found, and MudBlazor falls back to its built-in English.
/// </summary>
public sealed class ConsoleMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
