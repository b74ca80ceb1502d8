using System.Text.Json;
using GridMap.Data.Cases;
using GridMap.Data.Departments;
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

/// <summary>A notification in the delivery view (no payload: see the case's or the department's notifications for it).</summary>
public sealed record DepartmentDeliveryResponse(
    long Id, long CaseId, string CaseNumber, string GridCode, string Department, string Action, DateTimeOffset CreatedAt,
    string Status, string? TargetUrl, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset? DeliveredAt,
    int Retries, string? LastRetriedBy, DateTimeOffset? LastRetriedAt)
{
    public static DepartmentDeliveryResponse From(DepartmentDelivery d) => new(
        d.Notification.Id, d.Notification.CaseId, d.Notification.CaseNumber, d.Notification.GridCode, d.Notification.DepartmentCode,
        d.Notification.Action, d.Notification.CreatedAt, d.Notification.Status, d.Notification.TargetUrl, d.Notification.Attempts,
        d.Notification.NextAttemptAt, d.Notification.LastError, d.Notification.DeliveredAt, d.Retries, d.LastRetriedBy, d.LastRetriedAt);
}

/// <summary>One page of the delivery view.</summary>
public sealed record DepartmentDeliveryPageResponse(int Page, int PageSize, long Total, int Pages, IReadOnlyList<DepartmentDeliveryResponse> Items);

/// <summary>
/// A department's inbox (command centre and administrators), the notifications of a case
/// (scoped), and the delivery view with retry of failed deliveries (command centre and administrators).
/// </summary>
public static class DepartmentEndpoints
{
    public static IEndpointRouteBuilder MapDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/departments/{code}/notifications", ListForDepartmentAsync).RequireAuthorization(GridMapPolicies.CommandCentre);
        app.MapGet("/api/v1/cases/{id:long}/notifications", ListForCaseAsync);
        // Bearer clients send no antiforgery token (as the taxonomy API).
        var deliveries = app.MapGroup("/api/v1/department-notifications").RequireAuthorization(GridMapPolicies.CommandCentre).DisableAntiforgery();
        deliveries.MapGet("", ListDeliveriesAsync);
        deliveries.MapPost("/{id:long}/retry", RetryAsync);
        return app;
    }

    private static async Task<IResult> ListDeliveriesAsync(
        HttpContext context, string? department, string? status, string? page, DepartmentDeliveries deliveries, CancellationToken cancellationToken)
    {
        var (filter, errors) = await deliveries.CheckFilterAsync(department, status, page, cancellationToken);
        if (filter is null)
        {
            return Results.ValidationProblem(errors);
        }

        var result = await deliveries.PageAsync(context.User, filter, cancellationToken);
        return Results.Ok(new DepartmentDeliveryPageResponse(
            filter.Page, DepartmentDeliveries.PageSize, result.Total, DepartmentDeliveries.Pages(result.Total),
            [.. result.Items.Select(DepartmentDeliveryResponse.From)]));
    }

    private static async Task<IResult> RetryAsync(HttpContext context, long id, DepartmentDeliveries deliveries, CancellationToken cancellationToken)
    {
        var result = await deliveries.RetryAsync(context.User, id, cancellationToken);
        return result.Outcome switch
        {
            RetryOutcome.Retried => Results.Ok(new { id, status = result.Status, targetUrl = result.TargetUrl }),
            RetryOutcome.NotFailed => Results.Problem(
                title: $"Notification {id} is {result.Status}, not failed: only a failed delivery is retried.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["notificationStatus"] = result.Status }),
            _ => Results.Problem(title: $"Notification {id} does not exist.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    private static async Task<IResult> ListForDepartmentAsync(
        HttpContext context, string code, int? limit, DepartmentNotificationRepository outbox, CancellationToken cancellationToken)
    {
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
