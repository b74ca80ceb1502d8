using System.IO.Compression;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace GridMap.IntegrationTests.Infrastructure;

/// <summary>Decodes a served tile with the NTS Mapbox reader, so tests check real MVT content.</summary>
public static class MvtTile
{
    public static VectorTile Decode(byte[] body, bool gzipped, int z, int x, int y)
    {
        using var input = gzipped
            ? (Stream)new GZipStream(new MemoryStream(body), CompressionMode.Decompress)
            : new MemoryStream(body);
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        buffer.Position = 0;
        return new MapboxTileReader().Read(buffer, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
    }

    /// <summary>The XYZ tile that contains a lon/lat point at zoom z.</summary>
    public static (int X, int Y) TileAt(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180.0) / 360.0 * n);
        var latRad = lat * Math.PI / 180.0;
        var y = (int)Math.Floor((1.0 - Math.Log(Math.Tan(latRad) + 1.0 / Math.Cos(latRad)) / Math.PI) / 2.0 * n);
        return (x, y);
    }
}
