using GridMap.Data;
using GridMap.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GridMap.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, migrated database on the throwaway cluster that <c>./gridmap test</c> starts
/// (GRIDMAP_TEST_DB points at its maintenance database). Each instance owns one database
/// and drops it when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, NpgsqlDataSource dataSource)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        DataSource = dataSource;
        ConnectionString = dataSource.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("GRIDMAP_TEST_DB")
        ?? throw new InvalidOperationException(
            "GRIDMAP_TEST_DB is not set: run the suite with ./gridmap test, which starts a throwaway PostGIS.");

    public static async Task<TestDatabase> CreateAsync(bool migrate = true, CancellationToken cancellationToken = default)
    {
        var admin = AdminConnectionString;
        var name = "gm_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
        var dataSource = GridMapDataSource.Create(builder.ConnectionString);
        var database = new TestDatabase(admin, name, dataSource);
        if (migrate)
        {
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken);
        }

        return database;
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T).IsGenericType ? Nullable.GetUnderlyingType(typeof(T))! : typeof(T));
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
