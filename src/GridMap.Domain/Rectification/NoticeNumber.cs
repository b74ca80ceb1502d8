using System.Globalization;

namespace GridMap.Domain.Rectification;

/// <summary>
/// The number of a rectification notice as printed: the street's short name, the kind of
/// document, the year in 〔〕 and the yearly sequence, e.g. 小金口街整改〔2026〕第0001号.
/// A sequence beyond 9,999 simply gets a fifth digit.
/// </summary>
public static class NoticeNumber
{
    public static string Format(string streetShortName, int year, int sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streetShortName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{streetShortName}整改〔{year}〕第{sequence:0000}号");
    }

    /// <summary>The short name used when a street has no office row: its code.</summary>
    public static string FallbackShortName(string streetCode) => streetCode;
}
