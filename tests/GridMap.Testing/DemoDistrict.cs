using Npgsql;

namespace GridMap.Testing;

/// <summary>
/// Databases holding the generated demo district. The district is generated and loaded once
/// per test cluster into a template database; each test class then gets a cheap copy
/// (CREATE DATABASE … TEMPLATE), so tests can change data without seeing each other's changes.
/// </summary>
public static class DemoDistrict
{
    public static string Password => Environment.GetEnvironmentVariable("GRIDMAP_DEMO_PASSWORD") is { Length: > 0 } p ? p : "gridmap-demo";
    // The template is named after the schema it was built with, so a cluster that outlives a
    // new migration builds a fresh template instead of copying a stale one.
    private static readonly string TemplateName = "gm_template_demo_" + SchemaFingerprint();
    private const long LockKey = 0x67_6d_74_65_6d_70; // "gmtemp"

    private static string SchemaFingerprint()
    {
        var text = string.Join('\n', GridMap.Data.Migrations.MigrationRunner.All.Select(m => m.Name + "\n" + m.Sql));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
    }

    public static async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTemplateAsync(cancellationToken);
        return await TestDatabase.CreateFromTemplateAsync(TemplateName, cancellationToken);
    }

    private static async Task EnsureTemplateAsync(CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync(cancellationToken);
        // Test assemblies run in parallel processes; the lock makes one of them build the template.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", admin))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            // Waits for whoever builds the template, which takes longer than the default 30 s on a busy machine.
            lockCommand.CommandTimeout = 600;
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name AND datistemplate", admin);
            exists.Parameters.AddWithValue("name", TemplateName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }

            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)", admin))
            {
                await drop.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var database = await TestDatabase.CreateAsync(migrate: true, cancellationToken, name: TemplateName, dropOnDispose: false))
            {
                await DemoDistrictLoader.LoadAsync(database.ConnectionString, cancellationToken);
            }

            NpgsqlConnection.ClearAllPools();
            await using var mark = new NpgsqlCommand($"ALTER DATABASE \"{TemplateName}\" WITH IS_TEMPLATE true", admin);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", admin);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
