using System.Globalization;
using System.Security.Claims;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Grids;

namespace GridMap.Web.Security;

public static class GridMapClaims
{
    public const string DisplayName = "gridmap:display_name";
    public const string Grid = "gridmap:grid";
    public const string OfficerId = "gridmap:officer";

    /// <summary>The device id a patrol phone's token stands for.</summary>
    public const string Device = "gridmap:device";
}

/// <summary>Builds the principal a signed-in user carries, for the cookie and for bearer tokens alike.</summary>
public static class GridMapPrincipal
{
    public static ClaimsPrincipal Create(AuthenticatedUser user, string authenticationType = "GridMap")
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.Role, user.Role.ToCode()),
            new(GridMapClaims.DisplayName, user.DisplayName),
        };
        if (user.OfficerId is { } officer)
        {
            claims.Add(new Claim(GridMapClaims.OfficerId, officer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        claims.AddRange(user.GrantedGrids.Select(g => new Claim(GridMapClaims.Grid, g.Value)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user as the actor recorded on a case's history.</summary>
    public static CaseActor ToCaseActor(this ClaimsPrincipal user)
    {
        var id = long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "0", CultureInfo.InvariantCulture);
        long? officer = long.TryParse(user.FindFirstValue(GridMapClaims.OfficerId), CultureInfo.InvariantCulture, out var o) ? o : null;
        return CaseActor.User(id, user.GetRole() ?? UserRole.Official, officer, user.GetDisplayName());
    }

    public static UserRole? GetRole(this ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.Role)?.Value is { } code ? UserRoles.FromCode(code) : null;

    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(GridMapClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";

    /// <summary>
    /// What the user may see. A signed-in user without a whole-district role and without grants
    /// sees nothing (an empty scope), never everything.
    /// </summary>
    public static GridScope GetGridScope(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.GetRole() is not { } role)
        {
            return GridScope.Of([]);
        }

        if (role.SeesWholeDistrict())
        {
            return GridScope.Everything;
        }

        return GridScope.Of(user.FindAll(GridMapClaims.Grid)
            .Select(c => GridCode.TryParse(c.Value, out var code) ? code : (GridCode?)null)
            .OfType<GridCode>());
    }
}
