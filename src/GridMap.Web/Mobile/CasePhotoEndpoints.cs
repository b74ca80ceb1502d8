using GridMap.Data.Cases;
using GridMap.Domain.Cases;
using GridMap.Web.Security;
using Microsoft.Net.Http.Headers;

namespace GridMap.Web.Mobile;

public sealed record CasePhotoResponse(Guid Id, string Sha256, string Type, int Bytes, string Url);

/// <summary>
/// Case photos: upload (multipart field <c>photo</c>, or one raw image body) and read back, both
/// within the caller's grid scope. Photos live in the database (see docs/cases.md); the only way
/// to one is through its case's scope.
/// </summary>
public static class CasePhotoEndpoints
{
    public const string UploadField = "photo";

    public static IEndpointRouteBuilder MapCasePhotoEndpoints(this IEndpointRouteBuilder app)
    {
        // Antiforgery is checked by PhotoIntake for cookie-authenticated posts only (bearer clients
        // are exempt), so the endpoint binds no form parameter that would opt it into the middleware.
        app.MapPost("/api/v1/cases/{id:long}/photos", UploadAsync).DisableAntiforgery();
        app.MapGet("/api/v1/photos/{id:guid}", GetAsync);
        return app;
    }

    public static string UrlOf(Guid id) => $"/api/v1/photos/{id}";

    internal static async Task<IResult> UploadAsync(
        long id, HttpContext context, PhotoIntake intake, CaseRepository cases, CancellationToken cancellationToken)
    {
        var request = context.Request;
        (PhotoRequest? Request, PhotoRefusal? Refusal) read;
        if (request.HasFormContentType)
        {
            read = await intake.ReadFormAsync(context, UploadField, required: true, cancellationToken);
        }
        else if (request.ContentType is { } type && type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            read = await intake.ReadBodyAsync(context, UploadField, cancellationToken);
        }
        else
        {
            return new PhotoRefusal(StatusCodes.Status415UnsupportedMediaType, UploadField,
                "send multipart/form-data with the files in the field 'photo', or one image as the body (Content-Type image/jpeg, image/png or image/webp)").ToResult();
        }

        if (read.Refusal is { } refusal)
        {
            return refusal.ToResult();
        }

        var stored = await cases.AddPhotosAsync(context.User.GetGridScope(), id, read.Request!.Photos, context.User.ToCaseActor(), cancellationToken);
        if (!stored.Found)
        {
            return Results.Problem(title: $"Case {id} does not exist or is not among your grids.", statusCode: StatusCodes.Status404NotFound);
        }

        if (stored.Error is { } error)
        {
            return new PhotoRefusal(StatusCodes.Status400BadRequest, UploadField, error).ToResult();
        }

        var body = stored.Photos.Select(p => new CasePhotoResponse(p.Id, p.Sha256Hex, p.Mime, p.SizeBytes, UrlOf(p.Id))).ToList();
        return Results.Created(body[0].Url, body);
    }

    internal static async Task<IResult> GetAsync(Guid id, HttpContext context, CaseRepository cases, CancellationToken cancellationToken)
    {
        var photo = await cases.GetPhotoAsync(context.User.GetGridScope(), id, cancellationToken);
        if (photo is null)
        {
            return Results.Problem(title: $"Photo {id} does not exist or its case is not among your grids.", statusCode: StatusCodes.Status404NotFound);
        }

        var headers = context.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{photo.Sha256Hex}\"");
        headers.ETag = etag.ToString();
        // Private: only users who may see the case get it; a day is safe because the bytes behind
        // an id never change (rows of case_photo cannot be updated).
        headers.CacheControl = "private, max-age=86400";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = "inline";
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(photo.Bytes, photo.Mime);
    }

}
