using System.Security.Claims;
using GridMap.Data.Departments;
using GridMap.Web.Security;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Departments;

/// <summary>A checked filter of the delivery view: department and status (null: all) and the 1-based page.</summary>
public sealed record DeliveryFilter(string? Department, string? Status, int Page);

/// <summary>
/// The delivery view of department notifications for the command centre and administrators, as
/// the page /admin/notifications and the JSON API share it: checks the filter (each bad field
/// named), reads a page, and retries failed deliveries with the caller recorded.
/// </summary>
public sealed class DepartmentDeliveries(
    DepartmentNotificationRepository outbox, IStringLocalizer<SharedResource> localizer, ILogger<DepartmentDeliveries> logger)
{
    public const int PageSize = 50;

    public DepartmentNotificationRepository Repository => outbox;

    /// <summary>Who a retry is recorded as: the account's user name.</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    /// <summary>Checks the filter as typed (empty: all); the errors are keyed by the query parameter at fault.</summary>
    public async Task<(DeliveryFilter? Filter, Dictionary<string, string[]> Errors)> CheckFilterAsync(
        string? department, string? status, string? page, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        status = string.IsNullOrWhiteSpace(status) ? null : status.Trim();
        if (status is not null && !DepartmentNotificationStatus.All.Contains(status))
        {
            errors["status"] = [localizer["Admin_Error_DeliveryStatus", string.Join(", ", DepartmentNotificationStatus.All)]];
        }

        var number = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) || number < 1))
        {
            errors["page"] = [localizer["Admin_Error_Page"]];
        }

        if (department is not null && !await outbox.DepartmentExistsAsync(department, cancellationToken))
        {
            errors["department"] = [localizer["Admin_Error_NoDepartment", department]];
        }

        return (errors.Count == 0 ? new DeliveryFilter(department, status, number) : null, errors);
    }

    public Task<DepartmentDeliveryPage> PageAsync(ClaimsPrincipal user, DeliveryFilter filter, CancellationToken cancellationToken) =>
        outbox.PageAsync(user.GetGridScope(), filter.Department, filter.Status, filter.Page, PageSize, cancellationToken);

    /// <summary>Puts a failed delivery back to the notifier; logged with who asked.</summary>
    public async Task<RetryResult> RetryAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        var actor = Actor(user);
        var result = await outbox.RetryAsync(user.GetGridScope(), id, actor, cancellationToken);
        if (result.Outcome == RetryOutcome.Retried)
        {
            logger.LogInformation("Department notification {Id} retried by {RetriedBy}: now {Status}", id, actor, result.Status);
        }

        return result;
    }

    /// <summary>How many pages a total fills (at least one, so "page 1 of 1" reads right when empty).</summary>
    public static int Pages(long total) => (int)Math.Max(1, (total + PageSize - 1) / PageSize);
}
