namespace GridMap.Web.Tiles;

public sealed class TileOptions
{
    public const string SectionName = "Tiles";

    /// <summary>Whether generated tiles are kept in memory. Benchmarks turn it off to time generation.</summary>
    public bool CacheEnabled { get; set; } = true;

    /// <summary>Upper bound of the in-memory tile cache, in bytes of gzipped tiles.</summary>
    public long CacheSizeBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long a generated tile stays cached when nothing changes.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the data version is read to invalidate cached tiles and ETags.</summary>
    public TimeSpan VersionPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
