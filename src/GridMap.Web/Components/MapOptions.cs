namespace GridMap.Web.Components;

/// <summary>The map page's settings (configuration section "Map").</summary>
public sealed class MapOptions
{
    public const string SectionName = "Map";

    /// <summary>
    /// Raster XYZ template of an external base map, e.g. 天地图 with a key
    /// (https://…/{z}/{x}/{y}…). Empty (the default) keeps the console off the internet.
    /// </summary>
    public string? ExternalBasemapUrl { get; set; }

    /// <summary>Attribution shown for the external base map.</summary>
    public string? ExternalBasemapAttribution { get; set; }

    /// <summary>Tile size of the external base map in pixels.</summary>
    public int ExternalBasemapTileSize { get; set; } = 256;

    /// <summary>
    /// [minLon, minLat, maxLon, maxLat] where the map opens when the user's grids have no extent
    /// (an empty database); unset means <see cref="DefaultExtent"/>. Nullable because the
    /// configuration binder appends to an array that already has elements.
    /// </summary>
    public double[]? FallbackExtent { get; set; }

    /// <summary>Guangzhou's Huadu/Xintang area, where the demo district is set.</summary>
    public static IReadOnlyList<double> DefaultExtent { get; } = [113.20, 23.05, 113.40, 23.20];

    public IReadOnlyList<double> EffectiveFallbackExtent => FallbackExtent is { Length: 4 } e ? e : DefaultExtent;

    public bool HasExternalBasemap =>
        !string.IsNullOrWhiteSpace(ExternalBasemapUrl)
        && ExternalBasemapUrl.Contains("{z}", StringComparison.Ordinal)
        && ExternalBasemapUrl.Contains("{x}", StringComparison.Ordinal)
        && ExternalBasemapUrl.Contains("{y}", StringComparison.Ordinal);
}
