using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GridMap.Data.Migrations;

/// <summary>
/// Applies the numbered .sql files embedded in this assembly, each in its own transaction,
/// recording each in schema_migration. An advisory lock keeps two processes from migrating
/// at once. A failing file rolls back and stops with its name and PostgreSQL's message.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    private readonly IReadOnlyList<Migration> _migrations = All;

    /// <summary>A runner over a given list of migrations instead of the embedded ones (tests).</summary>
    public MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger, IReadOnlyList<Migration> migrations)
        : this(dataSource, logger)
    {
        _migrations = migrations.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    private const long AdvisoryLockKey = 0x6772_6964_6d61_70; // "gridmap"

    public static IReadOnlyList<Migration> All { get; } = LoadEmbedded();

    public async Task<int> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var setup = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS schema_migration (
                name       text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            SELECT pg_advisory_lock(@key);
            """, connection))
        {
            setup.Parameters.AddWithValue("key", AdvisoryLockKey);
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("SELECT name FROM schema_migration", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var count = 0;
            foreach (var migration in _migrations.Where(m => !applied.Contains(m.Name)))
            {
                await ApplyOneAsync(connection, migration, cancellationToken);
                count++;
            }

            if (count > 0)
            {
                // A migration may have created types (PostGIS's geometry above all) that the data
                // source did not know when it first connected; without a reload it cannot read them.
                await connection.ReloadTypesAsync(cancellationToken);
            }

            return count;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migration (name) VALUES (@name)", connection, transaction))
            {
                record.Parameters.AddWithValue("name", migration.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Migration}", migration.Name);
        }
        catch (PostgresException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw new MigrationFailedException(migration.Name, ex);
        }
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        const string prefix = "GridMap.Data.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => new Migration(n[prefix.Length..], ReadResource(assembly, n)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    internal static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed record Migration(string Name, string Sql);

public sealed class MigrationFailedException(string migration, PostgresException inner)
    : Exception($"Migration {migration} failed: {inner.SqlState} {inner.MessageText}" +
                (inner.Position > 0 ? $" (at character {inner.Position})" : ""), inner)
{
    public string Migration { get; } = migration;
}
