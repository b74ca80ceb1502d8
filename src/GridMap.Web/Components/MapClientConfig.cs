using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using GridMap.Data.Reference;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Components;

/// <summary>One legend row as the map script needs it: a code, its name in the UI language, a colour.</summary>
public sealed record MapLegendItem(string Code, string Name, string Color);

public sealed record MapExternalBasemap(string Url, string? Attribution, int TileSize);

/// <summary>
/// What the map page hands to client/src/map/main.ts in &lt;script type="application/json"
/// id="map-config"&gt;. The script reads nothing else from the page, so this record and
/// client/src/map/config.ts must change together.
/// </summary>
public sealed record MapClientConfig(
    string Culture,
    IReadOnlyList<double> Extent,
    bool ExtentIsFallback,
    string TileUrlTemplate,
    string WorkerUrl,
    MapExternalBasemap? ExternalBasemap,
    IReadOnlyList<MapLegendItem> BuildingKinds,
    IReadOnlyList<MapLegendItem> ManagementModes,
    IReadOnlyDictionary<string, string> Strings)
{
    /// <summary>The localized strings the script shows; kept short on purpose.</summary>
    public static readonly string[] ScriptStringKeys =
    [
        "Panel_LoadFailed", "Panel_SessionExpired", "Panel_Empty", "Map_NoWebGL", "Map_Attribution",
    ];

    // Web defaults (camelCase) plus an encoder that leaves Chinese as characters but still escapes
    // <, >, & and quotes, so the JSON cannot close the <script> element it sits in.
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static MapClientConfig Create(
        double[]? extent,
        MapOptions options,
        IReadOnlyList<LegendEntry> kinds,
        IReadOnlyList<LegendEntry> modes,
        IStringLocalizer localizer,
        string workerUrl)
    {
        var strings = ScriptStringKeys.ToDictionary(k => k, k => localizer[k].Value);
        return new MapClientConfig(
            UiCulture.IsEnglish ? "en" : "zh-CN",
            extent is { Length: 4 } ? extent : options.EffectiveFallbackExtent,
            extent is not { Length: 4 },
            "/tiles/{layer}/{z}/{x}/{y}.mvt",
            workerUrl,
            options.HasExternalBasemap
                ? new MapExternalBasemap(options.ExternalBasemapUrl!, options.ExternalBasemapAttribution, options.ExternalBasemapTileSize)
                : null,
            kinds.Select(k => new MapLegendItem(k.Code, UiCulture.Pick(k.NameZh, k.NameEn), k.Color)).ToList(),
            modes.Select(m => new MapLegendItem(m.Code, UiCulture.Pick(m.NameZh, m.NameEn), m.Color)).ToList(),
            strings);
    }
}
