using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GridMap.Domain.Cases;

/// <summary>
/// A case's public number, <c>441302010-20261122-0001</c>: the 9-digit street/town code, the
/// local (Asia/Shanghai) date of the report, and the report's sequence within that street and
/// day. Readable on the phone and over the telephone, unique per street, and it says where and
/// when without a look-up. A day with more than 9,999 reports simply gets a fifth digit.
/// </summary>
public readonly partial record struct CaseNumber(string StreetCode, DateOnly Date, int Sequence)
{
    public static CaseNumber Create(string streetCode, DateOnly date, int sequence)
    {
        if (!StreetPattern().IsMatch(streetCode))
        {
            throw new ArgumentException($"'{streetCode}' is not a 9-digit street/town code.", nameof(streetCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return new CaseNumber(streetCode, date, sequence);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out CaseNumber number)
    {
        number = default;
        var match = text is null ? null : NumberPattern().Match(text);
        if (match is not { Success: true }
            || !DateOnly.TryParseExact(match.Groups[2].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !int.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence < 1)
        {
            return false;
        }

        number = new CaseNumber(match.Groups[1].Value, date, sequence);
        return true;
    }

    public override string ToString() =>
        $"{StreetCode}-{Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{Sequence.ToString("0000", CultureInfo.InvariantCulture)}";

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex StreetPattern();

    [GeneratedRegex("^([0-9]{9})-([0-9]{8})-([0-9]{4,6})$")]
    private static partial Regex NumberPattern();
}
