using GridMap.Web.Components;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;

namespace GridMap.Web.Security;

/// <summary>Sign-out and the language switch. Sign-in is a page (Components/Pages/SignIn.razor).</summary>
public static class AccountEndpoints
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A POST with an antiforgery token, so that a foreign page cannot sign a user out.
        endpoints.MapPost("/signout", SignOutAsync).AllowAnonymous().DisableAntiforgery();
        // Anonymous: the sign-in page has the language switch too.
        endpoints.MapGet("/culture", SetCulture).AllowAnonymous();
        return endpoints;
    }

    internal static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        // Validated here rather than by the middleware: a minimal endpoint without form
        // parameters gets no antiforgery metadata of its own.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/signin");
    }

    internal static IResult SetCulture(HttpContext context, string? c, string? returnUrl)
    {
        var culture = Cultures.FirstOrDefault(x => string.Equals(x, c, StringComparison.OrdinalIgnoreCase));
        if (culture is not null)
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Path = "/",
                });
        }

        return Results.LocalRedirect(LocalUrl.OrRoot(returnUrl));
    }
}
