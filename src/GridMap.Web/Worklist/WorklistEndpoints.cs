using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMap.Web.Worklist;

/// <summary>The worklist's table as a fragment (<c>GET /fragments/worklist?…</c>), swapped in by htmx on filter changes.</summary>
public static class WorklistEndpoints
{
    public static IEndpointRouteBuilder MapWorklistFragments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/fragments/worklist", GetAsync).RequireAuthorization();
        endpoints.MapGet("/worklist/export.csv", ExportAsync).RequireAuthorization();
        return endpoints;
    }

    /// <summary>The worklist as filtered on the page (same query string), as CSV.</summary>
    internal static async Task<IResult> ExportAsync(
        HttpContext context, WorklistExport export, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!WorklistReader.MayUse(context.User))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var filter = WorklistFilter.From(context.Request.Query) with { Page = 1 };
        var (content, rows) = await export.WriteAsync(context.User, filter, cancellationToken);
        // Exports carry residents' reports and officers' names out of the console: who took what is recorded.
        loggers.CreateLogger("GridMap.Web.Worklist").LogInformation(
            "Worklist exported by {User}: {Rows} rows, filter {Filter}", context.User.Identity?.Name, rows, filter.QueryString());
        return Results.File(content, "text/csv; charset=utf-8", WorklistExport.FileName(time.GetUtcNow()));
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
