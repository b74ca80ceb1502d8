using GridMap.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMap.Web.Mobile;

/// <summary>The officer's task list as a fragment (<c>GET /m/fragments/tasks</c>), which the phone refreshes itself with.</summary>
public static class MobileTaskEndpoints
{
    public static IEndpointRouteBuilder MapMobileTaskFragments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/m/fragments/tasks", GetAsync).RequireAuthorization();
        return endpoints;
    }

    internal static async Task<IResult> GetAsync(HttpContext context, MobileTasks tasks, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (MobileOfficer.OfficerIdOf(context.User) is not { } officerId)
        {
            return new RazorComponentResult<NotAnOfficer> { StatusCode = StatusCodes.Status403Forbidden };
        }

        var list = await tasks.ListAsync(context.User.GetGridScope(), officerId, openOnly: false, cancellationToken);
        return new RazorComponentResult<MobileTaskList>(new Dictionary<string, object?> { [nameof(MobileTaskList.Tasks)] = list });
    }
}
