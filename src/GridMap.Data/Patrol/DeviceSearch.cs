using GridMap.Domain.Access;

namespace GridMap.Data.Patrol;

/// <summary>The columns a device list can be sorted by.</summary>
public enum DeviceSort
{
    Device,
    Officer,
    Grid,
    LastSeen,
    Battery,
}

/// <summary>One page of devices: who may look (scope), what to look for, in which order.</summary>
public sealed record DevicePageQuery(
    GridScope Scope,
    string? Search = null,
    DeviceSort Sort = DeviceSort.Device,
    bool Descending = false,
    int Offset = 0,
    int Limit = 25)
{
    public const int MaxLimit = 200;
}

/// <summary>A device as the list shows it: its officer, the officer's grid and the last report.</summary>
public sealed record DeviceRow(
    string DeviceId,
    long OfficerId,
    string OfficerName,
    string? GridCode,
    string? GridName,
    DateTimeOffset? LastSeen,
    double? Battery,
    DateTimeOffset TokenIssuedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

public sealed record DevicePage(IReadOnlyList<DeviceRow> Rows, int Total);

/// <summary>An officer offered when picking a device's owner by name.</summary>
public sealed record OfficerChoice(long Id, string Name, string? GridCode, string? GridName, string RoleNameZh, string RoleNameEn);

internal static class LikePattern
{
    /// <summary>A "contains" ILIKE pattern for user text, its wildcards escaped; null for no text.</summary>
    public static string? Contains(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var escaped = trimmed.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
        return "%" + escaped + "%";
    }
}
