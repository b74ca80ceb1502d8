using System.Globalization;
using System.Security.Claims;
using GridMap.Domain.Access;
using GridMap.Web.Security;

namespace GridMap.Web.Mobile;

/// <summary>
/// Who may use the mobile page: a signed-in account linked to an officer record, with a field
/// role (grid officers, and grid leaders who also take cases on site).
/// </summary>
public static class MobileOfficer
{
    public static long? OfficerIdOf(ClaimsPrincipal user) =>
        user.GetRole() is UserRole.GridOfficer or UserRole.GridLeader
        && long.TryParse(user.FindFirstValue(GridMapClaims.OfficerId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
