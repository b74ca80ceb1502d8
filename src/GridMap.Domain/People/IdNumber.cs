namespace GridMap.Domain.People;

/// <summary>
/// The 18-character citizen identity number (GB 11643): 6-digit division of household
/// registration, 8-digit birth date, 3-digit sequence (odd for men), ISO 7064 MOD 11-2 check.
/// </summary>
public static class IdNumber
{
    private static readonly int[] s_weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * s_weights[i];
        }

        return CheckChars[sum % 11];
    }

    public static string Compose(string division, DateOnly birth, int sequence)
    {
        var body = $"{division}{birth:yyyyMMdd}{sequence:000}";
        return body + CheckCharacter(body);
    }

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 18)
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return CheckCharacter(value.AsSpan(0, 17)) == char.ToUpperInvariant(value[17]);
    }

    /// <summary>Shows the division and the last two characters only: 441302**********1X.</summary>
    public static string Mask(string value) =>
        value.Length < 8 ? new string('*', value.Length) : value[..6] + new string('*', value.Length - 8) + value[^2..];
}
