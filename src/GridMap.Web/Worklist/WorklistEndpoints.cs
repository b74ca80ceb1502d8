using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMap.Web.Worklist;

/// <summary>The worklist's table as a fragment (<c>GET /fragments/worklist?…</c>), swapped in by htmx on filter changes.</summary>
public static class WorklistEndpoints
{
    public static IEndpointRouteBuilder MapWorklistFragments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/fragments/worklist", GetAsync).RequireAuthorization();
        return endpoints;
    }

    internal static async Task<IResult> GetAsync(HttpContext context, WorklistReader reader, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!WorklistReader.MayUse(context.User))
        {
            return new RazorComponentResult<WorklistNotForRole> { StatusCode = StatusCodes.Status403Forbidden };
        }

        var model = await reader.ReadAsync(context.User, WorklistFilter.From(context.Request.Query), cancellationToken);
        return new RazorComponentResult<WorklistTable>(new Dictionary<string, object?> { [nameof(WorklistTable.Model)] = model });
    }
}
