using GridMap.Data.Buildings;
using GridMap.Data.Grids;
using GridMap.Web.Components.Panels;
using GridMap.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMap.Web.Grids;

/// <summary>
/// Server-rendered HTML fragments for the map page's side panel and search box (swapped in by
/// htmx). Each one renders a single Razor component with data read within the caller's scope.
/// </summary>
public static class FragmentEndpoints
{
    public const int SearchLimit = 20;

    // Longer input cannot match a code or an address and would only make the LIKE scan longer.
    private const int MaxQueryLength = 100;

    public static IEndpointRouteBuilder MapFragmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/fragments").RequireAuthorization();
        group.AddEndpointFilter(async (context, next) =>
        {
            // Panels show personal data (names, phones, masked ID numbers): keep them out of caches.
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        group.MapGet("/grids/{code}", GetGridAsync);
        group.MapGet("/buildings/{id:long}", GetBuildingAsync);
        group.MapGet("/search", SearchAsync);
        return endpoints;
    }

    internal static async Task<IResult> GetGridAsync(
        string code, HttpContext context, GridRepository grids, CancellationToken cancellationToken)
    {
        var detail = await grids.GetAsync(context.User.GetGridScope(), code, cancellationToken);
        return detail is null
            ? NotFound()
            : Fragment<GridPanel>(new() { [nameof(GridPanel.Detail)] = detail });
    }

    internal static async Task<IResult> GetBuildingAsync(
        long id, HttpContext context, BuildingRepository buildings, CancellationToken cancellationToken)
    {
        var detail = await buildings.GetAsync(context.User.GetGridScope(), id, cancellationToken);
        return detail is null
            ? NotFound()
            : Fragment<BuildingPanel>(new() { [nameof(BuildingPanel.Detail)] = detail });
    }

    internal static async Task<IResult> SearchAsync(
        string? q, HttpContext context, GridRepository grids, CancellationToken cancellationToken)
    {
        var text = (q ?? "").Trim();
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
        }

        IReadOnlyList<SearchHit> hits = text.Length == 0
            ? []
            : await grids.SearchAsync(context.User.GetGridScope(), text, SearchLimit, cancellationToken);
        return Fragment<SearchResults>(new()
        {
            [nameof(SearchResults.Query)] = text,
            [nameof(SearchResults.Hits)] = hits,
        });
    }

    // 404 with a body: htmx 4 swaps error responses too, so the panel says what happened.
    private static RazorComponentResult<NotFoundPanel> NotFound() =>
        new() { StatusCode = StatusCodes.Status404NotFound };

    private static RazorComponentResult<T> Fragment<T>(Dictionary<string, object?> parameters)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters);
}
