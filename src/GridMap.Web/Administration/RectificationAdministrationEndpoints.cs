using System.Globalization;
using GridMap.Data.Rectification;
using GridMap.Web.Security;

namespace GridMap.Web.Administration;

public sealed record RectificationBasisBody(
    string? BasisZh, string? BasisEn, string? RequirementsZh, string? RequirementsEn, string? Note, int? Version);

public sealed record NewRectificationBasisBody(
    string? SubcategoryCode, string? BasisZh, string? BasisEn, string? RequirementsZh, string? RequirementsEn, string? Note);

/// <summary>A current rental-hazard sub-category that has no basis yet: notices for its cases are refused until one is added.</summary>
public sealed record MissingBasisResponse(
    string SubcategoryCode, string SubcategoryZh, string SubcategoryEn, string CategoryCode, string CategoryZh, string CategoryEn);

public sealed record StreetOfficeBody(string? StreetCode, string? NameZh, string? NameEn, string? ShortZh, string? Note, int? Version);

public sealed record RectificationBasisResponse(
    string SubcategoryCode, string? SubcategoryZh, string? SubcategoryEn, string? CategoryCode, string BasisZh, string BasisEn,
    string RequirementsZh, string RequirementsEn, int Version, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record RectificationBasisTextResponse(string BasisZh, string BasisEn, string RequirementsZh, string RequirementsEn);

public sealed record RectificationBasisChangeResponse(
    int Version, DateTimeOffset ChangedAt, string ChangedBy, string? Note, RectificationBasisTextResponse? Before, RectificationBasisTextResponse After);

public sealed record RectificationBasisDetailResponse(RectificationBasisResponse Basis, IReadOnlyList<RectificationBasisChangeResponse> History);

public sealed record StreetOfficeResponse(string StreetCode, string NameZh, string NameEn, string ShortZh, int Version, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record StreetOfficeTextResponse(string NameZh, string NameEn, string ShortZh);

public sealed record StreetOfficeChangeResponse(
    int Version, DateTimeOffset ChangedAt, string ChangedBy, string? Note, StreetOfficeTextResponse? Before, StreetOfficeTextResponse After);

public sealed record StreetOfficeDetailResponse(StreetOfficeResponse Office, IReadOnlyList<StreetOfficeChangeResponse> History);

/// <summary>
/// The API over what rectification notices print: the legal basis and requirements per
/// sub-category and the issuing street offices, each with its history. Administrators only
/// (reading too: the history names who edited). Refusals are problem+json naming the field
/// (400), 404 for an unknown code, 409 when the version edited is no longer current or the
/// basis or office to add exists.
/// </summary>
public static class RectificationAdministrationEndpoints
{
    public static IServiceCollection AddRectificationAdministration(this IServiceCollection services) =>
        services.AddSingleton<RectificationReferenceRepository>().AddSingleton<RectificationAdministration>();

    public static IEndpointRouteBuilder MapRectificationAdministrationEndpoints(this IEndpointRouteBuilder app)
    {
        // Bearer clients send no antiforgery token; cookie-signed admins use the page's forms.
        var group = app.MapGroup("/api/v1/rectification").RequireAuthorization(GridMapPolicies.Administrator).DisableAntiforgery();
        group.MapGet("/bases", ListBasesAsync);
        group.MapGet("/bases/{subcategoryCode}", GetBasisAsync);
        group.MapPut("/bases/{subcategoryCode}", PutBasisAsync);
        group.MapPost("/bases", AddBasisAsync);
        group.MapGet("/missing-bases", ListMissingBasesAsync);
        group.MapGet("/street-offices", ListOfficesAsync);
        group.MapGet("/street-offices/{streetCode}", GetOfficeAsync);
        group.MapPut("/street-offices/{streetCode}", PutOfficeAsync);
        group.MapPost("/street-offices", AddOfficeAsync);
        return app;
    }

    private static IResult Invalid(string field, string message) => AdministrationEndpoints.Invalid(field, message);

    private static IResult ToResult(AdminEditResult result, Func<IResult> onSaved) => AdministrationEndpoints.ToResult(result, onSaved);

    public static RectificationBasisResponse ToResponse(RectificationBasis b) => new(
        b.SubcategoryCode, b.SubcategoryZh, b.SubcategoryEn, b.CategoryCode, b.Text.BasisZh, b.Text.BasisEn, b.Text.RequirementsZh,
        b.Text.RequirementsEn, b.Version, b.ChangedBy, b.ChangedAt);

    private static RectificationBasisTextResponse ToResponse(RectificationBasisText t) => new(t.BasisZh, t.BasisEn, t.RequirementsZh, t.RequirementsEn);

    public static StreetOfficeResponse ToResponse(StreetOffice o) =>
        new(o.StreetCode, o.Text.NameZh, o.Text.NameEn, o.Text.ShortZh, o.Version, o.ChangedBy, o.ChangedAt);

    private static StreetOfficeTextResponse ToResponse(StreetOfficeText t) => new(t.NameZh, t.NameEn, t.ShortZh);

    private static async Task<IResult> ListBasesAsync(RectificationReferenceRepository repository, CancellationToken cancellationToken) =>
        Results.Ok((await repository.ListBasesAsync(cancellationToken)).Select(ToResponse));

    private static async Task<IResult> GetBasisAsync(string subcategoryCode, RectificationReferenceRepository repository, CancellationToken cancellationToken) =>
        await ReadBasisAsync(subcategoryCode, repository, cancellationToken) is { } detail
            ? Results.Ok(detail)
            : Results.Problem(title: $"there is no rectification basis for sub-category '{subcategoryCode}'", statusCode: StatusCodes.Status404NotFound);

    private static async Task<RectificationBasisDetailResponse?> ReadBasisAsync(
        string subcategoryCode, RectificationReferenceRepository repository, CancellationToken cancellationToken)
    {
        var basis = await repository.GetBasisAsync(subcategoryCode, cancellationToken);
        if (basis is null)
        {
            return null;
        }

        var history = await repository.ListBasisChangesAsync(subcategoryCode, cancellationToken);
        return new RectificationBasisDetailResponse(
            ToResponse(basis),
            [.. history.Select(c => new RectificationBasisChangeResponse(
                c.Version, c.ChangedAt, c.ChangedBy, c.Note, c.Before is null ? null : ToResponse(c.Before), ToResponse(c.After)))]);
    }

    private static async Task<IResult> ListMissingBasesAsync(RectificationReferenceRepository repository, CancellationToken cancellationToken) =>
        Results.Ok((await repository.ListMissingBasesAsync(cancellationToken)).Select(m =>
            new MissingBasisResponse(m.SubcategoryCode, m.SubcategoryZh, m.SubcategoryEn, m.CategoryCode, m.CategoryZh, m.CategoryEn)));

    private static async Task<IResult> AddBasisAsync(
        HttpContext context, NewRectificationBasisBody? body, RectificationAdministration administration, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body {subcategoryCode, basisZh, basisEn, requirementsZh, requirementsEn, note} is required");
        }

        var input = new RectificationBasisInput
        {
            SubcategoryCode = body.SubcategoryCode,
            BasisZh = body.BasisZh,
            BasisEn = body.BasisEn,
            RequirementsZh = body.RequirementsZh,
            RequirementsEn = body.RequirementsEn,
            Note = body.Note,
        };
        var result = await administration.AddBasisAsync(input, AdministrationEndpoints.ChangedBy(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            return ToResult(result, Results.NoContent);
        }

        var code = body.SubcategoryCode!.Trim();
        return Results.Created($"/api/v1/rectification/bases/{code}", await ReadBasisAsync(code, administration.Repository, cancellationToken));
    }

    private static async Task<IResult> PutBasisAsync(
        HttpContext context, string subcategoryCode, RectificationBasisBody? body, RectificationAdministration administration,
        CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body {basisZh, basisEn, requirementsZh, requirementsEn, note, version} is required");
        }

        var input = new RectificationBasisInput
        {
            BasisZh = body.BasisZh,
            BasisEn = body.BasisEn,
            RequirementsZh = body.RequirementsZh,
            RequirementsEn = body.RequirementsEn,
            Note = body.Note,
            Version = body.Version?.ToString(CultureInfo.InvariantCulture),
        };
        var result = await administration.SaveBasisAsync(subcategoryCode, input, AdministrationEndpoints.ChangedBy(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            return ToResult(result, Results.NoContent);
        }

        return Results.Ok(await ReadBasisAsync(subcategoryCode, administration.Repository, cancellationToken));
    }

    private static async Task<IResult> ListOfficesAsync(RectificationReferenceRepository repository, CancellationToken cancellationToken) =>
        Results.Ok((await repository.ListStreetOfficesAsync(cancellationToken)).Select(ToResponse));

    private static async Task<IResult> GetOfficeAsync(string streetCode, RectificationReferenceRepository repository, CancellationToken cancellationToken) =>
        await ReadOfficeAsync(streetCode, repository, cancellationToken) is { } detail
            ? Results.Ok(detail)
            : Results.Problem(title: $"there is no street office '{streetCode}'", statusCode: StatusCodes.Status404NotFound);

    private static async Task<StreetOfficeDetailResponse?> ReadOfficeAsync(
        string streetCode, RectificationReferenceRepository repository, CancellationToken cancellationToken)
    {
        var office = await repository.GetStreetOfficeAsync(streetCode, cancellationToken);
        if (office is null)
        {
            return null;
        }

        var history = await repository.ListStreetOfficeChangesAsync(streetCode, cancellationToken);
        return new StreetOfficeDetailResponse(
            ToResponse(office),
            [.. history.Select(c => new StreetOfficeChangeResponse(
                c.Version, c.ChangedAt, c.ChangedBy, c.Note, c.Before is null ? null : ToResponse(c.Before), ToResponse(c.After)))]);
    }

    private static StreetOfficeInput ToInput(StreetOfficeBody body, string? streetCode) => new()
    {
        StreetCode = streetCode ?? body.StreetCode,
        NameZh = body.NameZh,
        NameEn = body.NameEn,
        ShortZh = body.ShortZh,
        Note = body.Note,
        Version = body.Version?.ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<IResult> PutOfficeAsync(
        HttpContext context, string streetCode, StreetOfficeBody? body, RectificationAdministration administration, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body {nameZh, nameEn, shortZh, note, version} is required");
        }

        var result = await administration.SaveStreetOfficeAsync(streetCode, ToInput(body, streetCode), AdministrationEndpoints.ChangedBy(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            return ToResult(result, Results.NoContent);
        }

        return Results.Ok(await ReadOfficeAsync(streetCode, administration.Repository, cancellationToken));
    }

    private static async Task<IResult> AddOfficeAsync(
        HttpContext context, StreetOfficeBody? body, RectificationAdministration administration, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid("body", "a JSON body {streetCode, nameZh, nameEn, shortZh, note} is required");
        }

        var result = await administration.AddStreetOfficeAsync(ToInput(body, null), AdministrationEndpoints.ChangedBy(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            return ToResult(result, Results.NoContent);
        }

        var code = body.StreetCode!.Trim();
        return Results.Created($"/api/v1/rectification/street-offices/{code}", await ReadOfficeAsync(code, administration.Repository, cancellationToken));
    }
}
