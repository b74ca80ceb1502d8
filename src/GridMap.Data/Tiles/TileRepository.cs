using GridMap.Domain.Access;
using Npgsql;

namespace GridMap.Data.Tiles;

/// <summary>Generates Mapbox Vector Tiles in PostGIS (ST_AsMVT) for one layer, within a scope.</summary>
public sealed class TileRepository(NpgsqlDataSource dataSource)
{
    /// <summary>The raw (uncompressed) MVT; empty when the tile has no features.</summary>
    public async Task<byte[]> GetTileAsync(TileLayer layer, TileAddress tile, GridScope scope, CancellationToken cancellationToken)
    {
        if (tile.Z < layer.MinZoom)
        {
            return [];
        }

        await using var command = CreateCommand(layer, tile, scope);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result as byte[] ?? [];
    }

    /// <summary>The exact command <see cref="GetTileAsync"/> runs; benchmarks time it bare.</summary>
    public NpgsqlCommand CreateCommand(TileLayer layer, TileAddress tile, GridScope scope)
    {
        var command = dataSource.CreateCommand(NamedQueries.Get("Tiles", layer.Name));
        command.Parameters.Add(new NpgsqlParameter<int>("z", tile.Z));
        command.Parameters.Add(new NpgsqlParameter<int>("x", tile.X));
        command.Parameters.Add(new NpgsqlParameter<int>("y", tile.Y));
        command.Parameters.AddScope(scope);
        if (layer == TileLayer.Grids || layer == TileLayer.Base)
        {
            command.Parameters.Add(new NpgsqlParameter<double>("tolerance", tile.Z < 14 ? tile.PixelSize : 0));
        }

        if (layer == TileLayer.Grids)
        {
            command.Parameters.Add(new NpgsqlParameter<int>("max_level", tile.Z switch { < 12 => 1, < 13 => 2, _ => 3 }));
        }

        return command;
    }

    public async Task<long> GetDataVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM data_version WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
