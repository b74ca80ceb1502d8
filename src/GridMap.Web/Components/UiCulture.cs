using System.Globalization;

namespace GridMap.Web.Components;

/// <summary>
/// Picks between the Chinese and English names that reference data carries side by side
/// (roles, shifts, building kinds …). Chinese is the default; only an English UI culture
/// gets the English name, and an empty English name falls back to the Chinese one.
/// </summary>
public static class UiCulture
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Pick(string nameZh, string nameEn) =>
        IsEnglish && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : nameZh;

    /// <summary>A bounding box as the map script reads it: invariant numbers, comma separated.</summary>
    public static string Bbox(IReadOnlyList<double> bbox) =>
        string.Join(',', bbox.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
