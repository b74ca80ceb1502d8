using System.Globalization;
using GridMap.Web.Security;

namespace GridMap.Web.Security;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

/// <summary>Bearer tokens for API clients: issue with a username and password, revoke with the token.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth");
        group.MapPost("/token", IssueAsync).AllowAnonymous().DisableAntiforgery();
        group.MapDelete("/token", RevokeAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> IssueAsync(
        HttpContext context, TokenRequest? request, UserAuthenticator authenticator, TimeProvider time, ApiTokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Username))
        {
            errors["username"] = ["username is required"];
        }

        if (string.IsNullOrEmpty(request?.Password))
        {
            errors["password"] = ["password is required"];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The token request is incomplete.");
        }

        var attempt = await authenticator.AuthenticateAsync(request!.Username!, request.Password!, cancellationToken);
        if (attempt.LockedUntil is { } locked)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((locked - time.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                title: $"Too many failed sign-ins for this username; try again after {locked:yyyy-MM-ddTHH:mm:ssK}.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (attempt.User is not { } user)
        {
            return Results.Problem(
                title: "Unknown username or wrong password.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var issued = await tokens.IssueAsync(user, cancellationToken);
        return Results.Ok(new TokenResponse(issued.Token, issued.ExpiresAt));
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, ApiTokenService tokens, CancellationToken cancellationToken)
    {
        if (!BearerTokenHandler.TryGetToken(context.Request, out var token))
        {
            return Results.Problem(
                title: "Send the token to revoke in the Authorization header (Bearer).",
                statusCode: StatusCodes.Status400BadRequest);
        }

        await tokens.RevokeAsync(token, cancellationToken);
        return Results.NoContent();
    }
}
