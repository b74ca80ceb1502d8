using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GridMap.Data.Tiles;
using GridMap.Domain.Access;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Tiles;

/// <summary>A gzipped tile and its ETag; <see cref="IsEmpty"/> when the tile has no features.</summary>
public sealed record EncodedTile(byte[] Gzipped, string ETag)
{
    public bool IsEmpty => Gzipped.Length == 0;
}

/// <summary>
/// Serves tiles from memory when it can and from PostGIS when it must. The ETag depends only on
/// the data version and the caller's scope, so a revalidation is answered without touching
/// the database or the cache.
/// </summary>
public sealed class TileService(TileRepository repository, DataVersion version, IMemoryCache cache, IOptions<TileOptions> options)
{
    public string ETagFor(GridScope scope) => $"\"{version.Value}-{ScopeHash(scope)}\"";

    public async Task<EncodedTile> GetAsync(TileLayer layer, TileAddress tile, GridScope scope, CancellationToken cancellationToken)
    {
        var etag = ETagFor(scope);
        var settings = options.Value;
        var key = (layer.Name, tile, scope.CacheKey, version.Value);
        if (settings.CacheEnabled && cache.TryGetValue(key, out EncodedTile? cached) && cached is not null)
        {
            return cached;
        }

        var raw = await repository.GetTileAsync(layer, tile, scope, cancellationToken);
        var encoded = new EncodedTile(raw.Length == 0 ? [] : Gzip(raw), etag);
        if (settings.CacheEnabled)
        {
            cache.Set(key, encoded, new MemoryCacheEntryOptions
            {
                Size = Math.Max(64, encoded.Gzipped.Length),
                AbsoluteExpirationRelativeToNow = settings.CacheLifetime,
            });
        }

        return encoded;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream(raw.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    private static string ScopeHash(GridScope scope) =>
        scope.IsEverything ? "all" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope.CacheKey)).AsSpan(0, 6));
}
