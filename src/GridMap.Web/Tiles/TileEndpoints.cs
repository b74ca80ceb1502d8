using GridMap.Data.Tiles;
using GridMap.Web.Security;
using GridMap.Web.Tiles;

namespace GridMap.Web.Tiles;

/// <summary>Vector tiles: /tiles/{layer}/{z}/{x}/{y}.mvt, gzipped, with ETags, scoped to the caller.</summary>
public static class TileEndpoints
{
    public static IEndpointRouteBuilder MapTileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/{layer}/{z}/{x}/{y}.mvt", GetTileAsync);
        return app;
    }

    private static async Task<IResult> GetTileAsync(
        HttpContext context, TileService tiles, string layer, string z, string x, string y, CancellationToken cancellationToken)
    {
        if (TileLayer.Find(layer) is not { } tileLayer)
        {
            return Results.Problem(
                title: $"Unknown tile layer '{layer}'; layers are {string.Join(", ", TileLayer.All.Select(l => l.Name))}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        if (!int.TryParse(z, out var zi) || !int.TryParse(x, out var xi) || !int.TryParse(y, out var yi))
        {
            return Results.Problem(title: $"Tile coordinates must be integers (got {z}/{x}/{y}).", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!TileAddress.TryCreate(zi, xi, yi, out var address, out var error))
        {
            return Results.Problem(title: $"Bad tile coordinates: {error}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var scope = context.User.GetGridScope();
        var response = context.Response;
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.Vary = "Cookie, Authorization, Accept-Encoding";

        var etag = tiles.ETagFor(scope);
        response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var tile = await tiles.GetAsync(tileLayer, address, scope, cancellationToken);
        response.Headers.ETag = tile.ETag;
        if (tile.IsEmpty)
        {
            return Results.NoContent();
        }

        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(tile.Gzipped, "application/vnd.mapbox-vector-tile");
        }

        await using var gunzip = new System.IO.Compression.GZipStream(new MemoryStream(tile.Gzipped), System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        await gunzip.CopyToAsync(raw, cancellationToken);
        return Results.Bytes(raw.ToArray(), "application/vnd.mapbox-vector-tile");
    }
}
