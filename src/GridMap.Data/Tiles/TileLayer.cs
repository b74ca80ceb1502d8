namespace GridMap.Data.Tiles;

/// <summary>A vector-tile layer the console draws, with the zooms at which it has content.</summary>
public sealed record TileLayer(string Name, int MinZoom)
{
    public static readonly TileLayer Grids = new("grids", 0);
    public static readonly TileLayer Buildings = new("buildings", 14);
    public static readonly TileLayer Rentals = new("rentals", 14);
    public static readonly TileLayer Base = new("base", 0);

    public static IReadOnlyList<TileLayer> All { get; } = [Grids, Buildings, Rentals, Base];

    public static TileLayer? Find(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.Ordinal));
}

/// <summary>An XYZ tile address; <see cref="TryCreate"/> says which part is out of range.</summary>
public readonly record struct TileAddress(int Z, int X, int Y)
{
    public const int MaxZoom = 22;

    public static bool TryCreate(int z, int x, int y, out TileAddress address, out string? error)
    {
        address = default;
        if (z is < 0 or > MaxZoom)
        {
            error = $"z={z} is outside 0..{MaxZoom}";
            return false;
        }

        var n = 1L << z;
        if (x < 0 || x >= n)
        {
            error = $"x={x} is outside 0..{n - 1} at z={z}";
            return false;
        }

        if (y < 0 || y >= n)
        {
            error = $"y={y} is outside 0..{n - 1} at z={z}";
            return false;
        }

        error = null;
        address = new TileAddress(z, x, y);
        return true;
    }

    /// <summary>One MVT pixel in Web Mercator metres: the simplification tolerance below z14.</summary>
    public double PixelSize => 40075016.685578488 / (1L << Z) / 4096;
}
