using Npgsql;

namespace GridMap.Data;

/// <summary>Builds the one pooled <see cref="NpgsqlDataSource"/> the process uses.</summary>
public static class GridMapDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database connection string: set GRIDMAP_DB or Database:ConnectionString.");
        }

        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "gridmap";
        // The same few statements (tile queries above all) run all day: let Npgsql prepare them.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }
        // PostGIS geometry reads and writes as NetTopologySuite types, SRID included.
        builder.UseNetTopologySuite();
        return builder.Build();
    }
}
