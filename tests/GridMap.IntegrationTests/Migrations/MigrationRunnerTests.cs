using GridMap.Data.Migrations;
using GridMap.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridMap.IntegrationTests.Migrations;

public sealed class MigrationRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Applies_every_migration_once_and_a_second_run_is_a_no_op()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false, cancellationToken: Ct);
        var runner = new MigrationRunner(db.DataSource, NullLogger<MigrationRunner>.Instance);

        var first = await runner.ApplyAsync(Ct);
        var second = await runner.ApplyAsync(Ct);

        Assert.Equal(MigrationRunner.All.Count, first);
        Assert.Equal(0, second);
        Assert.Equal(MigrationRunner.All.Count, await db.ScalarAsync<long>("SELECT count(*) FROM schema_migration", Ct));
        Assert.NotNull(await db.ScalarAsync<string>("SELECT postgis_lib_version()", Ct));
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'grid_boundary_3857_gist'", Ct));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_and_names_the_file()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false, cancellationToken: Ct);
        var runner = new MigrationRunner(db.DataSource, NullLogger<MigrationRunner>.Instance,
        [
            new Migration("0001_good.sql", "CREATE TABLE good (id int);"),
            new Migration("0002_bad.sql", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;"),
            new Migration("0003_never.sql", "CREATE TABLE never (id int);"),
        ]);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => runner.ApplyAsync(Ct));

        Assert.Equal("0002_bad.sql", error.Migration);
        Assert.Contains("0002_bad.sql", error.Message);
        Assert.Contains("no_such_table", error.Message);
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM schema_migration", Ct));
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'good'", Ct));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename IN ('half_done', 'never')", Ct));
    }

    [Fact]
    public async Task The_schema_rejects_a_child_code_that_does_not_extend_its_parent()
    {
        await using var db = await TestDatabase.CreateAsync(cancellationToken: Ct);
        await using var command = db.DataSource.CreateCommand(
            """
            INSERT INTO grid (code, name, level, parent_code, boundary, boundary_3857, label_point)
            SELECT '44130201000202', 'x', 2, '441302010001', g, ST_Transform(g, 3857), ST_PointOnSurface(g)
            FROM (SELECT ST_Multi(ST_MakeEnvelope(114.4, 23.1, 114.41, 23.11, 4326)) AS g) s
            """);

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => command.ExecuteNonQueryAsync(Ct));

        Assert.Equal("23514", error.SqlState);
    }
}
