using System.Globalization;
using System.Security.Claims;
using GridMap.Data.Cases;
using GridMap.Data.Departments;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Web.Cases;
using GridMap.Web.Security;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Administration;

public sealed record LimitBody(decimal? Amount, string? Unit);

public sealed record LimitsBody(LimitBody? Verification, LimitBody? Dispatch, LimitBody? Handling, LimitBody? Check);

public sealed record SubcategoryBody(
    string? Code, string? CategoryCode, string? NameZh, string? NameEn, string? FilingConditionsZh, string? FilingConditionsEn,
    string? ClosingConditionsZh, string? ClosingConditionsEn, string? Severity, LimitsBody? Limits, IReadOnlyList<string>? Departments,
    int? SortOrder, int? Version, string? Note);

public sealed record RetireBody(int? Version, string? Note);

public sealed record CategoryBody(string? NameZh, string? NameEn, bool? RentalHazard, int? SortOrder, int? Version, string? Note);

/// <summary>A department as added or edited; <see cref="NotifyUrl"/>: null keeps it, "" clears it (inbox delivery).</summary>
public sealed record DepartmentBody(string? Code, string? NameZh, string? NameEn, int? SortOrder, bool? Active, string? NotifyUrl = null);

/// <summary>A department as administrators see it: with where it takes notifications (null: the console inbox).</summary>
public sealed record DepartmentAdminResponse(string Code, string NameZh, string NameEn, int SortOrder, bool Active, string? NotifyUrl);

public sealed record CalendarDayBody(string? Kind, string? NameZh, string? NameEn);

public sealed record CalendarYearBody(string? Source, string? Text, IReadOnlyList<CalendarDayLine>? Days);

public sealed record CalendarDayLine(string? Date, string? Kind, string? NameZh, string? NameEn);

public sealed record LimitResponse(decimal Amount, string Unit, string Text);

public sealed record SubcategoryResponse(
    string Code, string CategoryCode, string NameZh, string NameEn, string FilingConditionsZh, string FilingConditionsEn,
    string ClosingConditionsZh, string ClosingConditionsEn, string Severity, IReadOnlyDictionary<string, LimitResponse> Limits,
    IReadOnlyList<string> Departments, int SortOrder, int Version, long VersionId, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo,
    string? ChangedBy, string? ChangeNote);

public sealed record CategoryResponse(
    string Code, string NameZh, string NameEn, bool RentalHazard, int SortOrder, int Version, DateTimeOffset ValidFrom,
    IReadOnlyList<SubcategoryResponse> Subcategories);

public sealed record TaxonomyResponse(IReadOnlyList<CategoryResponse> Categories, IReadOnlyList<Department> Departments);

public sealed record FieldChangeResponse(string Field, string Before, string After);

public sealed record SubcategoryVersionResponse(SubcategoryResponse Subcategory, bool Retired, IReadOnlyList<FieldChangeResponse> Changes);

public sealed record CalendarDayResponse(string Date, string Kind, string NameZh, string NameEn, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record CalendarChangeResponse(
    DateTimeOffset ChangedAt, string ChangedBy, string? Date, string? PreviousKind, string? Kind, string? NameZh, string? NameEn,
    string? Source, int? DayCount);

public sealed record CalendarYearResponse(
    int Year, bool Published, string? Source, DateTimeOffset? LoadedAt, string? Warning, IReadOnlyList<CalendarDayResponse> Days,
    IReadOnlyList<CalendarChangeResponse> Changes);

/// <summary>
/// The administration API: the taxonomy (read by any signed-in user, edited by admins) and the
/// working calendar. Refusals are problem+json naming the field; 403 for non-admins, 404 for
/// unknown codes, 409 when the version edited is no longer current.
/// </summary>
public static class AdministrationEndpoints
{
    public static IEndpointRouteBuilder MapAdministrationEndpoints(this IEndpointRouteBuilder app)
    {
        // Bearer clients send no antiforgery token; cookie-signed admins use the pages' forms.
        var taxonomy = app.MapGroup("/api/v1/taxonomy").RequireAuthorization().DisableAntiforgery();
        taxonomy.MapGet("", GetTaxonomyAsync);
        taxonomy.MapGet("/subcategories/{code}/history", GetHistoryAsync);
        taxonomy.MapGet("/departments", ListDepartmentsAsync);
        // Every edit is for administrators; reading is for any signed-in user.
        var taxonomyEdits = taxonomy.MapGroup("").RequireAuthorization(GridMapPolicies.Administrator);
        taxonomyEdits.MapPost("/subcategories", CreateSubcategoryAsync);
        taxonomyEdits.MapPut("/subcategories/{code}", ReviseSubcategoryAsync);
        taxonomyEdits.MapPost("/subcategories/{code}/retire", RetireSubcategoryAsync);
        taxonomyEdits.MapPut("/categories/{code}", ReviseCategoryAsync);
        taxonomyEdits.MapPost("/departments", AddDepartmentAsync);
        taxonomyEdits.MapPut("/departments/{code}", UpdateDepartmentAsync);

        var calendar = app.MapGroup("/api/v1/calendar").RequireAuthorization().DisableAntiforgery();
        calendar.MapGet("/{year:int}", GetYearAsync);
        var calendarEdits = calendar.MapGroup("").RequireAuthorization(GridMapPolicies.Administrator);
        calendarEdits.MapPut("/{year:int}", PutYearAsync);
        calendarEdits.MapPut("/days/{date}", PutDayAsync);
        return app;
    }

    /// <summary>Who an edit is recorded as: the account's user name.</summary>
    public static string ChangedBy(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    internal static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>An edit's outcome as HTTP: 404, 409 with the current version, 400 by field, or <paramref name="onSaved"/>.</summary>
    internal static IResult ToResult(AdminEditResult result, Func<IResult> onSaved) => result.Outcome switch
    {
        AdminEditOutcome.Saved => onSaved(),
        AdminEditOutcome.NotFound => Results.Problem(title: result.Errors.Values.First()[0], statusCode: StatusCodes.Status404NotFound),
        AdminEditOutcome.Conflict => Results.Problem(
            title: result.Errors.Values.First()[0], statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = result.Version }),
        _ => Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value)),
    };

    public static SubcategoryResponse ToResponse(HazardSubcategory s, IStringLocalizer localizer) => new(
        s.Code, s.CategoryCode, s.NameZh, s.NameEn, s.FilingConditionsZh, s.FilingConditionsEn, s.ClosingConditionsZh,
        s.ClosingConditionsEn, s.Severity.ToCode(),
        StageFields.All.ToDictionary(
            f => f.Key,
            f => new LimitResponse(s.Limits.For(f.Stage).Amount, s.Limits.For(f.Stage).Unit.ToCode(), localizer.LimitName(s.Limits.For(f.Stage)))),
        s.Departments, s.SortOrder, s.Version, s.Id, s.ValidFrom, s.ValidTo, s.ChangedBy, s.ChangeNote);

    private static async Task<IResult> GetTaxonomyAsync(
        TaxonomyRepository taxonomy, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var categories = await taxonomy.ListCategoriesAsync(null, cancellationToken);
        var subcategories = await taxonomy.ListSubcategoriesAsync(null, cancellationToken);
        var departments = await taxonomy.ListDepartmentsAsync(false, cancellationToken);
        return Results.Ok(new TaxonomyResponse(
            [.. categories.Select(c => new CategoryResponse(
                c.Code, c.NameZh, c.NameEn, c.RentalHazard, c.SortOrder, c.Version, c.ValidFrom,
                [.. subcategories.Where(s => s.CategoryCode == c.Code).Select(s => ToResponse(s, localizer))]))],
            departments));
    }

    private static async Task<IResult> GetHistoryAsync(
        string code, TaxonomyRepository taxonomy, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var versions = await taxonomy.SubcategoryHistoryAsync(code, cancellationToken);
        if (versions.Count == 0)
        {
            return Results.Problem(title: $"there is no sub-category '{code}'", statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Ok(SubcategoryHistory.Build(versions).Select(e => new SubcategoryVersionResponse(
            ToResponse(e.Version, localizer), e.RetiredHere, [.. e.Changes.Select(c => new FieldChangeResponse(c.Field, c.Before, c.After))])));
    }

    private static SubcategoryInput ToInput(SubcategoryBody body, string? code) => new()
    {
        Code = code ?? body.Code,
        CategoryCode = body.CategoryCode,
        NameZh = body.NameZh,
        NameEn = body.NameEn,
        FilingConditionsZh = body.FilingConditionsZh,
        FilingConditionsEn = body.FilingConditionsEn,
        ClosingConditionsZh = body.ClosingConditionsZh,
        ClosingConditionsEn = body.ClosingConditionsEn,
        Severity = body.Severity,
        VerificationAmount = Amount(body.Limits?.Verification),
        VerificationUnit = body.Limits?.Verification?.Unit,
        DispatchAmount = Amount(body.Limits?.Dispatch),
        DispatchUnit = body.Limits?.Dispatch?.Unit,
        HandlingAmount = Amount(body.Limits?.Handling),
        HandlingUnit = body.Limits?.Handling?.Unit,
        CheckAmount = Amount(body.Limits?.Check),
        CheckUnit = body.Limits?.Check?.Unit,
        Departments = body.Departments?.ToList(),
        SortOrder = body.SortOrder?.ToString(CultureInfo.InvariantCulture),
        Version = body.Version?.ToString(CultureInfo.InvariantCulture),
        Note = body.Note,
    };

    private static string? Amount(LimitBody? limit) => limit?.Amount?.ToString(CultureInfo.InvariantCulture);

    private static async Task<IResult> CreateSubcategoryAsync(
        HttpContext context, SubcategoryBody? body, TaxonomyAdministration administration, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body with the sub-category is required");
        }

        var result = await administration.SaveSubcategoryAsync(ToInput(body, null), creating: true, ChangedBy(context.User), cancellationToken);
        return await CreatedOrResultAsync(result, body.Code!, administration, cancellationToken);
    }

    private static async Task<IResult> CreatedOrResultAsync(
        AdminEditResult result, string code, TaxonomyAdministration administration, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return ToResult(result, Results.NoContent);
        }

        var saved = await administration.Repository.GetSubcategoryAsync(code.Trim(), null, cancellationToken);
        return Results.Created($"/api/v1/taxonomy/subcategories/{saved!.Code}/history", ToResponse(saved, administration.Localizer));
    }

    private static async Task<IResult> ReviseSubcategoryAsync(
        HttpContext context, string code, SubcategoryBody? body, TaxonomyAdministration administration, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body with the sub-category and the version edited is required");
        }

        var result = await administration.SaveSubcategoryAsync(ToInput(body, code), creating: false, ChangedBy(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            return ToResult(result, Results.NoContent);
        }

        var saved = await administration.Repository.GetSubcategoryAsync(code, null, cancellationToken);
        return Results.Ok(ToResponse(saved!, administration.Localizer));
    }

    private static async Task<IResult> RetireSubcategoryAsync(
        HttpContext context, string code, RetireBody? body, TaxonomyAdministration administration, CancellationToken cancellationToken)
    {
        var result = await administration.RetireSubcategoryAsync(code, body?.Version, ChangedBy(context.User), cancellationToken);
        return ToResult(result, () => Results.Ok(new { code, retiredVersion = result.Version }));
    }

    private static async Task<IResult> ReviseCategoryAsync(
        HttpContext context, string code, CategoryBody? body, TaxonomyAdministration administration, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body {nameZh, nameEn, rentalHazard, version} is required");
        }

        var result = await administration.SaveCategoryAsync(
            code, body.NameZh, body.NameEn, body.RentalHazard, body.SortOrder?.ToString(CultureInfo.InvariantCulture),
            body.Version?.ToString(CultureInfo.InvariantCulture), body.Note, ChangedBy(context.User), cancellationToken);
        return ToResult(result, () => Results.Ok(new { code, version = result.Version }));
    }

    private static async Task<IResult> ListDepartmentsAsync(
        HttpContext context, TaxonomyRepository taxonomy, DepartmentNotificationRepository outbox, bool? includeRetired, CancellationToken cancellationToken)
    {
        var departments = await taxonomy.ListDepartmentsAsync(includeRetired ?? false, cancellationToken);
        if (!await context.IsAuthorizedAsync(GridMapPolicies.Administrator))
        {
            // A webhook URL can carry the receiver's token: only administrators see it.
            return Results.Ok(departments);
        }

        var urls = await outbox.ListNotifyUrlsAsync(cancellationToken);
        return Results.Ok(departments.Select(d => new DepartmentAdminResponse(
            d.Code, d.NameZh, d.NameEn, d.SortOrder, d.Active, urls.GetValueOrDefault(d.Code))));
    }

    private static async Task<IResult> AddDepartmentAsync(
        DepartmentBody? body, TaxonomyAdministration administration, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body {code, nameZh, nameEn} is required");
        }

        var result = await administration.AddDepartmentAsync(
            body.Code, body.NameZh, body.NameEn, body.SortOrder?.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return ToResult(result, () => Results.Created($"/api/v1/taxonomy/departments/{body.Code!.Trim()}", new { code = body.Code!.Trim() }));
    }

    private static async Task<IResult> UpdateDepartmentAsync(
        string code, DepartmentBody? body, TaxonomyAdministration administration, DepartmentNotificationRepository outbox,
        CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body {nameZh?, nameEn?, sortOrder?, active?, notifyUrl?} is required");
        }

        var result = await administration.UpdateDepartmentAsync(
            code, body.NameZh, body.NameEn, body.SortOrder?.ToString(CultureInfo.InvariantCulture), body.Active, body.NotifyUrl, cancellationToken);
        if (!result.Succeeded)
        {
            return ToResult(result, Results.NoContent);
        }

        var urls = await outbox.ListNotifyUrlsAsync(cancellationToken);
        return Results.Ok(new { code, notifyUrl = urls.GetValueOrDefault(code) });
    }

    public static async Task<CalendarYearResponse> ReadYearAsync(
        int year, CalendarRepository calendar, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        var info = await calendar.GetYearAsync(year, cancellationToken);
        var days = await calendar.ListYearAsync(year, cancellationToken);
        var changes = await calendar.ListChangesAsync(year, 50, cancellationToken);
        return new CalendarYearResponse(
            year,
            info is not null,
            info?.Source,
            info?.LoadedAt,
            info is null ? localizer["Admin_Calendar_NotLoadedWarning", year] : null,
            [.. days.Select(d => new CalendarDayResponse(
                d.Day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Day.Kind.ToCode(), d.Day.NameZh, d.Day.NameEn, d.ChangedBy, d.ChangedAt))],
            [.. changes.Select(c => new CalendarChangeResponse(
                c.ChangedAt, c.ChangedBy, c.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.PreviousKind?.ToCode(),
                c.Kind?.ToCode(), c.NameZh, c.NameEn, c.Source, c.DayCount))]);
    }

    private static async Task<IResult> GetYearAsync(
        int year, CalendarRepository calendar, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (year is < CalendarAdministration.FirstYear or > CalendarAdministration.LastYear)
        {
            return Results.Problem(title: $"{year} is not between {CalendarAdministration.FirstYear} and {CalendarAdministration.LastYear}", statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Ok(await ReadYearAsync(year, calendar, localizer, cancellationToken));
    }

    private static async Task<IResult> PutYearAsync(
        HttpContext context, int year, CalendarYearBody? body, CalendarAdministration administration, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        if (body is null || (body.Text is null && body.Days is null))
        {
            return Invalid("text", "a JSON body {source, text} (lines 'yyyy-MM-dd holiday|working_day 名称 Name') or {source, days: [...]} is required");
        }

        // Structured days are read through the same line reader, so both shapes refuse the same things.
        var text = body.Text ?? string.Join('\n', body.Days!.Select(d => $"{d.Date} {d.Kind} {d.NameZh} {d.NameEn}".TrimEnd()));
        var result = await administration.SetYearAsync(year, text, body.Source, ChangedBy(context.User), cancellationToken);
        if (!result.Saved)
        {
            return result.LineErrors.Count > 0
                ? Results.ValidationProblem(
                    result.Errors.ToDictionary(e => e.Key, e => e.Value),
                    title: "Some lines are not calendar days; nothing was changed.",
                    extensions: new Dictionary<string, object?> { ["lines"] = result.LineErrors.Select(e => new { line = e.Line, text = e.Text, message = e.Message }) })
                : Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        return Results.Ok(await ReadYearAsync(year, administration.Repository, localizer, cancellationToken));
    }

    private static async Task<IResult> PutDayAsync(
        HttpContext context, string date, CalendarDayBody? body, CalendarAdministration administration, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("kind", "a JSON body {kind: holiday|working_day|normal, nameZh, nameEn} is required");
        }

        var result = await administration.SetDayAsync(date, body.Kind, body.NameZh, body.NameEn, ChangedBy(context.User), cancellationToken);
        if (!result.Saved)
        {
            return Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        return Results.Ok(new { date, kind = string.IsNullOrWhiteSpace(body.Kind) ? "normal" : body.Kind });
    }
}
