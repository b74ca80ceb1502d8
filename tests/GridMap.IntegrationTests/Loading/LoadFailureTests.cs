using GridMap.Data.Access;
using GridMap.Data.Loading;
using GridMap.Tools.Generation;
using Microsoft.Extensions.Logging.Abstractions;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GridMap.IntegrationTests.Loading;

/// <summary>All or nothing: a load that fails or is cancelled leaves no row behind; the modes guard existing data.</summary>
public sealed class LoadFailureTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private DistrictLoader Loader => new(_db.DataSource, NullLogger<DistrictLoader>.Instance);

    private async Task AssertNothingLoadedAsync()
    {
        foreach (var table in DistrictLoader.DistrictTables)
        {
            Assert.Equal(0, await _db.ScalarAsync<long>($"SELECT count(*) FROM {table}", Ct));
        }

        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT version FROM data_version", Ct));
        // The staging tables went with the transaction.
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname LIKE 'stage\\_%'", Ct));
    }

    [Fact]
    public async Task A_row_that_breaks_a_constraint_at_the_very_end_rolls_back_the_whole_district()
    {
        var data = GeneratedDemo.District.Data;
        var residents = data.Residents.ToList();
        residents[^1] = residents[^1] with { IdNumber = "not-an-id-number" };

        var error = await Assert.ThrowsAsync<PostgresException>(() => Loader.LoadAsync(data with { Residents = residents }, DistrictLoadMode.FailIfNotEmpty, cancellationToken: Ct));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        await AssertNothingLoadedAsync();
    }

    /// <summary>One village of the demo district alone, its boundary given the SRID <paramref name="srid"/>.</summary>
    private static DistrictData OneVillage(int srid)
    {
        var data = GeneratedDemo.District.Data;
        var village = data.Grids.First(g => g.Level == 1);
        var boundary = (MultiPolygon)village.Boundary.Copy();
        boundary.SRID = srid;
        return data with
        {
            Grids = [village with { Boundary = boundary }],
            Officers = [], OfficerAssignments = [], Buildings = [], RentalHouses = [], RentalUnits = [], Residents = [],
            Roads = [], Blocks = [], Waters = [],
        };
    }

    [Fact]
    public async Task Geometry_is_stored_in_EPSG_4326_and_geometry_in_another_srid_is_refused()
    {
        var unlabelled = OneVillage(0);
        Assert.True((await Loader.LoadAsync(unlabelled, DistrictLoadMode.FailIfNotEmpty, cancellationToken: Ct)).Loaded);
        // Without an SRID a geometry is taken as the schema's; the coordinates are stored as given.
        Assert.Equal(4326, await _db.ScalarAsync<int>("SELECT ST_SRID(boundary) FROM grid", Ct));
        await using (var command = _db.DataSource.CreateCommand("SELECT boundary FROM grid"))
        {
            var stored = (Geometry)(await command.ExecuteScalarAsync(Ct))!;
            Assert.Equal(4326, stored.SRID);
            Assert.True(stored.EqualsExact(unlabelled.Grids[0].Boundary));
        }

        var error = await Assert.ThrowsAsync<PostgresException>(() => Loader.LoadAsync(OneVillage(3857), DistrictLoadMode.Replace, cancellationToken: Ct));
        Assert.Contains("SRID", error.MessageText);
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT count(*) FROM grid", Ct));
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT version FROM data_version", Ct));
    }

    [Fact]
    public async Task A_load_cancelled_midway_leaves_nothing_behind()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var loaded = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Loader.LoadAsync(
            GeneratedDemo.District.Data,
            DistrictLoadMode.FailIfNotEmpty,
            table =>
            {
                loaded.Add(table.Table);
                if (table.Table == "building")
                {
                    cancellation.Cancel();
                }
            },
            cancellation.Token));

        Assert.Equal(["grid", "officer", "building"], loaded);
        await AssertNothingLoadedAsync();
    }

    [Fact]
    public async Task Existing_data_is_refused_skipped_or_replaced_as_asked()
    {
        var data = GeneratedDemo.District.Data;
        Assert.True((await Loader.LoadAsync(data, DistrictLoadMode.FailIfNotEmpty, cancellationToken: Ct)).Loaded);
        Assert.Equal(0, await DemoAccountsCommand.RunAsync([], _db.ConnectionString, NullLoggerFactory.Instance, Ct));
        var leaderOfficer = await _db.ScalarAsync<long>("SELECT officer_id FROM app_user WHERE username = 'leader01'", Ct);

        var refused = await Assert.ThrowsAsync<DistrictNotEmptyException>(() => Loader.LoadAsync(data, DistrictLoadMode.FailIfNotEmpty, cancellationToken: Ct));
        Assert.Contains("grid", refused.Tables);
        Assert.False((await Loader.LoadAsync(data, DistrictLoadMode.SkipIfLoaded, cancellationToken: Ct)).Loaded);
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT version FROM data_version", Ct));

        var replaced = await Loader.LoadAsync(data, DistrictLoadMode.Replace, cancellationToken: Ct);

        Assert.True(replaced.Loaded);
        Assert.Contains("officer", replaced.ClearedTables);
        Assert.Equal(3, replaced.DataVersion);
        Assert.Equal(data.Buildings.Count, await _db.ScalarAsync<long>("SELECT count(*) FROM building", Ct));
        // Accounts survive a replace; only their officer link is cleared until `accounts` runs again.
        Assert.Equal(25, await _db.ScalarAsync<long>("SELECT count(*) FROM app_user", Ct));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM app_user WHERE officer_id IS NOT NULL", Ct));
        Assert.Equal(0, await DemoAccountsCommand.RunAsync([], _db.ConnectionString, NullLoggerFactory.Instance, Ct));
        Assert.Equal(leaderOfficer, await _db.ScalarAsync<long>("SELECT officer_id FROM app_user WHERE username = 'leader01'", Ct));
    }

    [Fact]
    public async Task The_generate_command_loads_once_and_then_skips_or_refuses()
    {
        Assert.Equal(0, await GenerateCommand.RunAsync(["--if-empty"], _db.ConnectionString, NullLoggerFactory.Instance, Ct));
        var buildings = await _db.ScalarAsync<long>("SELECT count(*) FROM building", Ct);
        Assert.Equal(GeneratedDemo.District.Data.Buildings.Count, buildings);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await GenerateCommand.RunAsync(["--if-empty"], _db.ConnectionString, NullLoggerFactory.Instance, Ct));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"--if-empty on a loaded database took {watch.Elapsed}");
        Assert.Equal(1, await GenerateCommand.RunAsync([], _db.ConnectionString, NullLoggerFactory.Instance, Ct));
        Assert.Equal(2, await GenerateCommand.RunAsync(["--if-empty", "--replace"], _db.ConnectionString, NullLoggerFactory.Instance, Ct));
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT version FROM data_version", Ct));
    }
}
