using GridMap.Domain.Access;
using GridMap.Domain.Grids;

namespace GridMap.Web.Security;

/// <summary>A user whose credentials were checked, ready to become a principal.</summary>
public sealed record AuthenticatedUser(
    long Id,
    string Username,
    string DisplayName,
    UserRole Role,
    long? OfficerId,
    IReadOnlyList<GridCode> GrantedGrids);
