using System.Text.Json;
using GridMap.Data.Cases;
using GridMap.Data.Departments;
using GridMap.Domain.Access;
using GridMap.Web.Security;

namespace GridMap.Web.Departments;

public sealed record DepartmentNotificationResponse(
    long Id, long EventId, long CaseId, string CaseNumber, string GridCode, string Department, string Action, DateTimeOffset CreatedAt,
    string Status, bool Webhook, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset? DeliveredAt,
    JsonElement Payload)
{
    public static DepartmentNotificationResponse From(DepartmentNotification n) => new(
        n.Id, n.EventId, n.CaseId, n.CaseNumber, n.GridCode, n.DepartmentCode, n.Action, n.CreatedAt, n.Status, n.TargetUrl is not null,
        n.Attempts, n.NextAttemptAt, n.LastError, n.DeliveredAt, JsonDocument.Parse(n.PayloadJson).RootElement.Clone());
}

/// <summary>A department's inbox (command centre and administrators) and the notifications of a case (scoped).</summary>
public static class DepartmentEndpoints
{
    public static IEndpointRouteBuilder MapDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/departments/{code}/notifications", ListForDepartmentAsync);
        app.MapGet("/api/v1/cases/{id:long}/notifications", ListForCaseAsync);
        return app;
    }

    private static async Task<IResult> ListForDepartmentAsync(
        HttpContext context, string code, int? limit, DepartmentNotificationRepository outbox, CancellationToken cancellationToken)
    {
        if (context.User.GetRole() is not (UserRole.Command or UserRole.Admin))
        {
            return Results.Problem(title: "A department's notifications are read by the command centre and administrators.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (!await outbox.DepartmentExistsAsync(code, cancellationToken))
        {
            return Results.Problem(title: $"Department '{code}' does not exist.", statusCode: StatusCodes.Status404NotFound);
        }

        var list = await outbox.ListForDepartmentAsync(context.User.GetGridScope(), code, limit ?? 100, cancellationToken);
        return Results.Ok(list.Select(DepartmentNotificationResponse.From).ToList());
    }

    private static async Task<IResult> ListForCaseAsync(
        HttpContext context, long id, DepartmentNotificationRepository outbox, CaseRepository cases, CancellationToken cancellationToken)
    {
        var scope = context.User.GetGridScope();
        var list = await outbox.ListForCaseAsync(scope, id, cancellationToken);
        if (list.Count == 0 && await cases.GetAsync(scope, id, cancellationToken) is null)
        {
            return Results.Problem(title: $"Case {id} does not exist or is not among your grids.", statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Ok(list.Select(DepartmentNotificationResponse.From).ToList());
    }
}
