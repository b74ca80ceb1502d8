using System.Text.RegularExpressions;

namespace GridMap.Domain.Patrol;

/// <summary>
/// Device ids are whatever the phone app uses (Traccar Client generates a number; other apps use
/// an IMEI, a UUID or a name): letters, digits, '-' and '_', 1 to 64 characters. The same rule is
/// a CHECK constraint on <c>device.device_id</c>.
/// </summary>
public static partial class DeviceIds
{
    public const int MaxLength = 64;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>Why <paramref name="id"/> is not a device id, or null when it is one.</summary>
    public static string? Validate(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "a device id is required";
        }

        if (id.Length > MaxLength)
        {
            return $"a device id has at most {MaxLength} characters (got {id.Length})";
        }

        return IsValid(id) ? null : "a device id may only contain letters, digits, '-' and '_'";
    }
}
