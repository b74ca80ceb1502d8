using System.Globalization;
using System.Security.Claims;
using GridMap.Web.Security;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Statistics;

/// <summary>
/// <c>GET /api/v1/statistics</c> (indicators of a period per group) and
/// <c>GET /api/v1/statistics/monthly.csv</c> (the monthly report). Both read the caller's grids only.
/// </summary>
public static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/statistics").RequireAuthorization(GridMapPolicies.StatisticsReader);
        group.MapGet("", GetAsync);
        group.MapGet("/monthly.csv", MonthlyCsvAsync);
        return app;
    }

    /// <summary>For the page's own refusal text: the roles of <see cref="GridMapPolicies.StatisticsReader"/>.</summary>
    public static bool MaySee(ClaimsPrincipal user) => user.GetRole() is { } role && GridMapPolicies.StatisticsRoles.Contains(role);

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<IResult> GetAsync(
        HttpContext context, StatisticsService service, string? from, string? to, string? by, CancellationToken cancellationToken)
    {
        var (period, field, error) = StatisticsPeriod.Parse(from, to, service.Now, service.Zone);
        if (period is null)
        {
            return Invalid(field!, error!);
        }

        if (!TryGrouping(by, StatisticsGrouping.Grid3, out var grouping))
        {
            return Invalid("by", $"by must be one of {StatisticsGroupings.Codes} (got '{by}')");
        }

        return Results.Ok(await service.BuildAsync(context.User.GetGridScope(), period, grouping, English, cancellationToken));
    }

    private static async Task<IResult> MonthlyCsvAsync(
        HttpContext context, StatisticsService service, IStringLocalizer<SharedResource> localizer, string? month, string? by,
        CancellationToken cancellationToken)
    {
        var (period, error) = StatisticsPeriod.ParseMonth(month, service.Zone);
        if (period is null)
        {
            return Invalid("month", error!);
        }

        if (!TryGrouping(by, StatisticsGrouping.Grid3, out var grouping))
        {
            return Invalid("by", $"by must be one of {StatisticsGroupings.Codes} (got '{by}')");
        }

        var english = English;
        var report = await service.BuildAsync(context.User.GetGridScope(), period, grouping, english, cancellationToken);
        var bytes = MonthlyReportCsv.Write(report, grouping, localizer);
        var name = $"gridmap-{period.From:yyyy-MM}-{grouping.ToCode()}.csv";
        // Written by hand: the framework's header adds a filename* variant, which is not needed for an ASCII name.
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return Results.File(bytes, "text/csv; charset=utf-8");
    }

    public static bool TryGrouping(string? by, StatisticsGrouping fallback, out StatisticsGrouping grouping)
    {
        if (string.IsNullOrWhiteSpace(by))
        {
            grouping = fallback;
            return true;
        }

        return StatisticsGroupings.TryParse(by, out grouping);
    }
}
