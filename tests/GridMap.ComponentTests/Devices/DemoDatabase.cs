using GridMap.Data;
using GridMap.Testing;
using Npgsql;

namespace GridMap.ComponentTests.Devices;

/// <summary>
/// A copy of the demo district (546 devices, their officers and grids) for one test class: the
/// components under test query the real PostGIS schema, not stand-ins.
/// </summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>A data source configured as the application configures its own.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await DemoDistrict.CreateAsync();
        DataSource = GridMapDataSource.Create(_database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
