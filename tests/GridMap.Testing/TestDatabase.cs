using GridMap.Data;
using GridMap.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GridMap.Testing;

/// <summary>
/// A fresh, migrated database on the throwaway cluster that <c>./gridmap test</c> starts
/// (GRIDMAP_TEST_DB points at its maintenance database). Each instance owns one database
/// and drops it when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;
    private readonly bool _dropOnDispose;

    private TestDatabase(string adminConnectionString, string name, NpgsqlDataSource dataSource, bool dropOnDispose)
    {
        _adminConnectionString = adminConnectionString;
        _dropOnDispose = dropOnDispose;
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

    public static async Task<TestDatabase> CreateAsync(
        bool migrate = true, CancellationToken cancellationToken = default, string? name = null, bool dropOnDispose = true)
    {
        var admin = AdminConnectionString;
        name ??= NewName();
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        var database = Open(admin, name, dropOnDispose);
        if (migrate)
        {
            await new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken);
        }

        return database;
    }

    /// <summary>A copy of a template database (cheap: PostgreSQL copies the files).</summary>
    public static async Task<TestDatabase> CreateFromTemplateAsync(string template, CancellationToken cancellationToken = default)
    {
        var name = NewName();
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", cancellationToken);
        return Open(AdminConnectionString, name, dropOnDispose: true);
    }

    private static string NewName() => "gm_" + Guid.NewGuid().ToString("N")[..16];

    private static TestDatabase Open(string admin, string name, bool dropOnDispose)
    {
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
        return new TestDatabase(admin, name, GridMapDataSource.Create(builder.ConnectionString), dropOnDispose);
    }

    private static async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
        if (!_dropOnDispose)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
