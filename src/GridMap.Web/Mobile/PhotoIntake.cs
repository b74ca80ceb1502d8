using GridMap.Data.Cases;
using GridMap.Domain.Cases;
using GridMap.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Mobile;

/// <summary>Why a request's photos were refused: the HTTP status, the field at fault and the reason.</summary>
public sealed record PhotoRefusal(int Status, string Field, string Message)
{
    public IResult ToResult() => Results.ValidationProblem(
        new Dictionary<string, string[]> { [Field] = [Message] },
        title: Message,
        statusCode: Status);
}

/// <summary>A request body read within the photo limits: the form (when multipart) and the photos it carried.</summary>
public sealed record PhotoRequest(IFormCollection? Form, IReadOnlyList<byte[]> Photos);

/// <summary>
/// Reads photos from a request — files of a multipart form field, or a raw image body — within
/// <see cref="CaseStoreOptions.MaxPhotoBytes"/> per file and <see cref="CaseRules.MaxPhotos"/> per
/// request. The size of the whole request is limited before a byte of the body is read, and every
/// file is checked (size, type sniffed from its bytes) before any is handed on, so a refusal stores
/// nothing.
/// </summary>
public sealed class PhotoIntake(IOptions<CaseStoreOptions> options, IAntiforgery antiforgery)
{
    /// <summary>Room for the multipart boundaries, headers and the text fields of a report.</summary>
    private const long FormOverheadBytes = 256 * 1024;

    public int MaxPhotoBytes => options.Value.MaxPhotoBytes;

    /// <summary>The largest request accepted: every photo at its largest plus the form's overhead.</summary>
    public long MaxRequestBytes => (long)CaseRules.MaxPhotos * options.Value.MaxPhotoBytes + FormOverheadBytes;

    /// <summary>
    /// Cross-site request forgery: a form post authenticated by the console's cookie must carry the
    /// antiforgery token (header <c>RequestVerificationToken</c> or form field
    /// <c>__RequestVerificationToken</c>). A bearer token cannot be sent by a foreign page, so
    /// token clients are exempt. Null when the request may go on.
    /// </summary>
    public async Task<PhotoRefusal?> CheckForgeryAsync(HttpContext context)
    {
        if (BearerTokenHandler.TryGetToken(context.Request, out _))
        {
            return null;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return new PhotoRefusal(StatusCodes.Status400BadRequest, "RequestVerificationToken",
                "the antiforgery token is missing or invalid: a signed-in form post must send the page's token (header RequestVerificationToken)");
        }
    }

    /// <summary>
    /// Limits the request's size before the body is read: a declared length over the limit is
    /// refused at once, and the server stops reading an undeclared (chunked) body past it.
    /// </summary>
    public PhotoRefusal? LimitRequestSize(HttpContext context, string field)
    {
        if (context.Request.ContentLength is { } length && length > MaxRequestBytes)
        {
            return TooLarge(field, $"the request has {length:N0} bytes; at most {MaxRequestBytes:N0} are accepted ({CaseRules.MaxPhotos} photos of {options.Value.MaxPhotoBytes:N0} bytes)");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }

        return null;
    }

    /// <summary>
    /// Reads the form (multipart or url-encoded) within the size limit, checking the antiforgery
    /// token of cookie-authenticated posts, and the photos of <paramref name="field"/>.
    /// <paramref name="required"/>: no photo is an error (400) rather than an empty list.
    /// </summary>
    public async Task<(PhotoRequest? Request, PhotoRefusal? Refusal)> ReadFormAsync(
        HttpContext context, string field, bool required, CancellationToken cancellationToken)
    {
        if (LimitRequestSize(context, field) is { } tooLarge)
        {
            return (null, tooLarge);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(field, $"the request is larger than {MaxRequestBytes:N0} bytes"));
        }
        catch (InvalidDataException e)
        {
            return (null, new PhotoRefusal(StatusCodes.Status400BadRequest, field, $"the form cannot be read: {e.Message}"));
        }

        if (await CheckForgeryAsync(context) is { } forged)
        {
            return (null, forged);
        }

        var files = form.Files.GetFiles(field);
        if (files.Count == 0 && required)
        {
            return (null, new PhotoRefusal(StatusCodes.Status400BadRequest, field, $"no photo: send one or more image files in the form field '{field}'"));
        }

        if (files.Count > CaseRules.MaxPhotos)
        {
            return (null, new PhotoRefusal(StatusCodes.Status400BadRequest, field, $"{files.Count} photos; at most {CaseRules.MaxPhotos} per request"));
        }

        var photos = new List<byte[]>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var name = $"photo {i + 1} ({file.FileName})";
            if (file.Length > options.Value.MaxPhotoBytes)
            {
                return (null, TooLarge(field, $"{name} has {file.Length:N0} bytes; at most {options.Value.MaxPhotoBytes:N0} are accepted"));
            }

            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }

            if (Check(bytes, field, name) is { } refused)
            {
                return (null, refused);
            }

            photos.Add(bytes);
        }

        return (new PhotoRequest(form, photos), null);
    }

    /// <summary>One photo sent as the request body itself (Content-Type image/*).</summary>
    public async Task<(PhotoRequest? Request, PhotoRefusal? Refusal)> ReadBodyAsync(
        HttpContext context, string field, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength is { } length && length > options.Value.MaxPhotoBytes)
        {
            return (null, TooLarge(field, $"the photo has {length:N0} bytes; at most {options.Value.MaxPhotoBytes:N0} are accepted"));
        }

        if (await CheckForgeryAsync(context) is { } forged)
        {
            return (null, forged);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxPhotoBytes + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > options.Value.MaxPhotoBytes)
                {
                    return (null, TooLarge(field, $"the photo is larger than {options.Value.MaxPhotoBytes:N0} bytes"));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(field, $"the photo is larger than {options.Value.MaxPhotoBytes:N0} bytes"));
        }

        var bytes = buffer.ToArray();
        return Check(bytes, field, "the photo") is { } refused ? (null, refused) : (new PhotoRequest(null, [bytes]), null);
    }

    private PhotoRefusal? Check(byte[] bytes, string field, string name)
    {
        if (bytes.Length == 0)
        {
            return new PhotoRefusal(StatusCodes.Status400BadRequest, field, $"{name} is empty");
        }

        return CasePhotos.SniffType(bytes) is null
            ? new PhotoRefusal(StatusCodes.Status415UnsupportedMediaType, field, $"{name} is not a JPEG, PNG or WebP image")
            : null;
    }

    private static PhotoRefusal TooLarge(string field, string message) =>
        new(StatusCodes.Status413PayloadTooLarge, field, message);
}
