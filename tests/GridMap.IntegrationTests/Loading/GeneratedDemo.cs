using GridMap.Tools.Generation;

namespace GridMap.IntegrationTests.Loading;

/// <summary>The demo district generated once per test process (about three seconds), shared by the loading tests.</summary>
internal static class GeneratedDemo
{
    private static readonly Lazy<GeneratedDistrict> s_district =
        new(() => DistrictGenerator.Generate(GenerationOptions.Demo()), LazyThreadSafetyMode.ExecutionAndPublication);

    public static GeneratedDistrict District => s_district.Value;
}

/// <summary>A fresh database with the demo district loaded through <see cref="GridMap.Data.Loading.DistrictLoader"/>.</summary>
public sealed class LoadedDemoFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    internal GridMap.Data.Loading.DistrictLoadResult Result { get; private set; } = null!;

    internal GeneratedDistrict District => GeneratedDemo.District;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var loader = new GridMap.Data.Loading.DistrictLoader(Database.DataSource,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<GridMap.Data.Loading.DistrictLoader>.Instance);
        Result = await loader.LoadAsync(District.Data, GridMap.Data.Loading.DistrictLoadMode.FailIfNotEmpty);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
