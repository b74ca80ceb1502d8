using System.Security.Claims;
using System.Text.Encodings.Web;
using GridMap.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Patrol;

/// <summary>
/// Authenticates a phone by its device token (<c>Authorization: Bearer &lt;device token&gt;</c>)
/// on the ingest API. The principal names the device, never a user: it carries no role and no
/// grid, and it is only ever produced for the ingest path (see <see cref="PatrolRegistration"/>).
/// </summary>
public sealed class DeviceTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceDirectory devices)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = GridMapPolicies.DeviceTokenScheme;
    public const string DeviceClaim = GridMapClaims.Device;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BearerTokenHandler.TryGetToken(Request, out var token))
        {
            return AuthenticateResult.NoResult();
        }

        var device = await devices.FindByTokenAsync(token, Context.RequestAborted);
        if (device is null)
        {
            return AuthenticateResult.Fail("The device token is unknown or its device has been revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(DeviceClaim, device.DeviceId),
                new Claim(GridMapClaims.OfficerId, device.OfficerId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"gridmap-devices\"";
        return Task.CompletedTask;
    }
}
