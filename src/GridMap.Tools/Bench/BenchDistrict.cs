using GridMap.Tools.Devices;
using GridMap.Tools.Generation;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GridMap.Tools.Bench;

/// <summary>
/// A generated district in the bench cluster, as `bench tiles` and `bench live` keep them:
/// database <c>gridmap_bench_{scale}</c>, migrated, generated once (kept between runs), demo
/// accounts and, when asked, demo devices for every officer on patrol duty.
/// </summary>
internal static class BenchDistrict
{
    public static async Task<string> PrepareAsync(
        string clusterConnectionString, string scale, bool devices, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var database = $"gridmap_bench_{scale}";
        var connectionString = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = database }.ConnectionString;
        var admin = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await ToolCommands.MigrateAsync(connectionString, loggerFactory, cancellationToken);
        if (await GenerateCommand.RunAsync(["--scale", scale, "--if-empty"], connectionString, loggerFactory, cancellationToken) != 0
            || await DemoAccountsCommand.RunAsync([], connectionString, loggerFactory, cancellationToken) != 0
            || (devices && await DevicesCommand.RunAsync(["--quiet"], connectionString, loggerFactory, cancellationToken) != 0))
        {
            throw new InvalidOperationException($"could not prepare the {scale} district");
        }

        return connectionString;
    }
}
