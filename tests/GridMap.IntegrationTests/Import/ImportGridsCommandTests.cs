using GridMap.IntegrationTests.Infrastructure;
using GridMap.Tools.Import;
using Microsoft.Extensions.Logging.Abstractions;
using static GridMap.IntegrationTests.Import.ImportFiles;

namespace GridMap.IntegrationTests.Import;

/// <summary>The tools verb end to end: exit codes and what reaches the database.</summary>
public sealed class ImportGridsCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private Task<int> RunAsync(params string[] args) =>
        ImportGridsCommand.RunAsync(args, _db.ConnectionString, NullLoggerFactory.Instance, Ct);

    [Fact]
    public async Task Exits_1_on_the_bad_sample_and_0_on_the_good_one()
    {
        Assert.Equal(1, await RunAsync(SamplePath("grids-bad.geojson")));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM grid", Ct));

        Assert.Equal(0, await RunAsync("--dry-run", SamplePath("grids-sample.geojson")));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM grid", Ct));

        Assert.Equal(0, await RunAsync(SamplePath("grids-sample.geojson")));
        Assert.Equal(7, await _db.ScalarAsync<long>("SELECT count(*) FROM grid WHERE valid_to IS NULL", Ct));
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT version FROM data_version", Ct));
    }

    [Fact]
    public async Task Exits_1_for_a_missing_file_and_2_for_wrong_usage()
    {
        Assert.Equal(1, await RunAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".geojson")));
        Assert.Equal(2, await RunAsync());
        Assert.Equal(2, await RunAsync("--bogus", "x.geojson"));
    }
}
