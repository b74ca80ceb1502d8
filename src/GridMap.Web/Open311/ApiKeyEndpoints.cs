using System.Security.Claims;
using GridMap.Data.Open311;
using GridMap.Web.Security;

namespace GridMap.Web.Open311;

public sealed record ApiKeyRequest(string? Name, string? Owner, string? Contact);

public sealed record ApiKeyResponse(
    long Id, string Name, string Owner, string? Contact, string Prefix, string State, string CreatedBy, DateTimeOffset CreatedAt,
    string? RevokedBy, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, long Requests)
{
    public static ApiKeyResponse Of(ApiKeyListing k) => new(
        k.Id, k.Name, k.Owner, k.Contact, k.Prefix, k.IsRevoked ? "revoked" : "active", k.CreatedBy, k.CreatedAt,
        k.RevokedBy, k.RevokedAt, k.LastUsedAt, k.Requests);
}

public sealed record IssuedApiKeyResponse(long Id, string Name, string Owner, string? Contact, string Prefix, string Key, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record Open311ReporterResponse(
    long CaseId, string Number, long ApiKeyId, string KeyName, string KeyOwner, string? AddressString, string? MediaUrl,
    string? Email, string? FirstName, string? LastName, string? Phone, string? DeviceId, string? AccountId,
    IReadOnlyList<string> PossibleDuplicates, DateTimeOffset ReceivedAt);

/// <summary>
/// Key administration for administrators (JSON, problem details) and the reporter's details of an
/// Open311 case for the command centre and administrators.
/// </summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/open311/keys").RequireAuthorization(GridMapPolicies.Administrator).DisableAntiforgery();
        keys.MapGet("", ListAsync);
        keys.MapPost("", CreateAsync);
        keys.MapPost("/{id:long}/revoke", RevokeAsync);

        app.MapGet("/api/v1/open311/requests/{caseId:long}/reporter", ReporterAsync).RequireAuthorization(GridMapPolicies.CommandCentre);
        return app;
    }

    /// <summary>Who did it, as stored in created_by / revoked_by: "username (display name)".</summary>
    public static string Who(ClaimsPrincipal user) =>
        $"{user.Identity?.Name ?? "?"} ({user.GetDisplayName()})";

    private static async Task<IResult> ListAsync(ApiKeyAdministration administration, CancellationToken cancellationToken) =>
        Results.Ok((await administration.ListAsync(cancellationToken)).Select(ApiKeyResponse.Of).ToList());

    private static async Task<IResult> CreateAsync(
        HttpContext context, ApiKeyRequest? request, ApiKeyAdministration administration, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON body {name, owner, contact} is required"] });
        }

        var result = await administration.CreateAsync(request.Name, request.Owner, request.Contact, Who(context.User), cancellationToken);
        if (result.Issued is not { } issued)
        {
            return Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        var k = issued.Listing;
        return Results.Created($"/api/v1/open311/keys/{k.Id}",
            new IssuedApiKeyResponse(k.Id, k.Name, k.Owner, k.Contact, k.Prefix, issued.Key, k.CreatedBy, k.CreatedAt));
    }

    private static async Task<IResult> RevokeAsync(
        HttpContext context, long id, ApiKeyAdministration administration, CancellationToken cancellationToken)
    {
        switch (await administration.RevokeAsync(id, Who(context.User), cancellationToken))
        {
            case ApiKeyRevocation.NotFound:
                return Results.Problem(title: $"There is no Open311 key {id}.", statusCode: StatusCodes.Status404NotFound);
            case ApiKeyRevocation.AlreadyRevoked:
                return Results.Problem(title: $"Open311 key {id} is revoked already.", statusCode: StatusCodes.Status409Conflict);
            default:
                return Results.Ok(ApiKeyResponse.Of((await administration.GetAsync(id, cancellationToken))!));
        }
    }

    private static async Task<IResult> ReporterAsync(
        HttpContext context, long caseId, ServiceRequestStore requests, CancellationToken cancellationToken)
    {
        var r = await requests.GetReporterAsync(context.User.GetGridScope(), caseId, cancellationToken);
        return r is null
            ? Results.Problem(title: $"Case {caseId} was not reported through Open311, or does not exist.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(new Open311ReporterResponse(
                r.CaseId, r.Number, r.ApiKeyId, r.KeyName, r.KeyOwner, r.AddressString, r.MediaUrl, r.Email, r.FirstName, r.LastName,
                r.Phone, r.DeviceId, r.AccountId, r.PossibleDuplicates, r.ReceivedAt));
    }
}
