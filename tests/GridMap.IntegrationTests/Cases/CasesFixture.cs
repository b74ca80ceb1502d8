using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using GridMap.Domain.Grids;
using GridMap.Data;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace GridMap.IntegrationTests.Cases;

/// <summary>
/// A fresh migrated database with a small district of its own: one community (441302010001)
/// split into two second-level grids with one third-level grid each, three buildings and four
/// officers. Small and hand-made so that distances and scopes are known exactly; the demo
/// district is not needed for anything these tests check.
/// </summary>
public sealed class CasesFixture : IAsyncLifetime
{
    public const string Community = "441302010001";
    public const string WestGrid = "44130201000101";
    public const string EastGrid = "44130201000102";
    public const string West = "44130201000101001";
    public const string East = "44130201000102001";

    /// <summary>Centre of the west block and of the east block.</summary>
    public static readonly (double Lat, double Lon) WestPoint = (23.1050, 114.4050);
    public static readonly (double Lat, double Lon) EastPoint = (23.1050, 114.4150);

    /// <summary>Monday 23 November 2026, 09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly GridScope WestLeader = GridScope.Of([GridCode.Parse(WestGrid)]);
    public static readonly GridScope EastLeader = GridScope.Of([GridCode.Parse(EastGrid)]);

    public TestDatabase Database { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(Monday9);

    public WorkingCalendarSource Calendars { get; private set; } = null!;

    public CaseRepository Cases { get; private set; } = null!;

    public TaxonomyRepository Taxonomy { get; private set; } = null!;

    public CalendarRepository CalendarEdits { get; private set; } = null!;

    public CaseStatisticsRepository Statistics { get; private set; } = null!;

    /// <summary>Building ids: two in the west block (A, B), one in the east block (C).</summary>
    public long BuildingA { get; private set; }

    public long BuildingB { get; private set; }

    public long BuildingC { get; private set; }

    /// <summary>Officer ids: two grid officers in the west, one in the east, one leader.</summary>
    public long OfficerWest1 { get; private set; }

    public long OfficerWest2 { get; private set; }

    public long OfficerEast { get; private set; }

    public long OfficerLeader { get; private set; }

    public CaseActor Command => CaseActor.User(1, UserRole.Command, name: "指挥中心值班员");

    public CaseActor Leader => CaseActor.User(2, UserRole.GridLeader, OfficerLeader, "网格长");

    public CaseActor West1 => CaseActor.User(3, UserRole.GridOfficer, OfficerWest1, "网格员甲");

    public CaseActor West2 => CaseActor.User(4, UserRole.GridOfficer, OfficerWest2, "网格员乙");

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(cancellationToken: Ct);
        await using (var command = Database.DataSource.CreateCommand(
            """
            INSERT INTO grid (code, name, level, parent_code, boundary, boundary_3857, label_point)
            SELECT code, name, level, parent, ST_Multi(b), ST_Transform(ST_Multi(b), 3857), ST_PointOnSurface(b)
            FROM (VALUES
                ('441302010001', '试点社区', 1, NULL, ST_MakeEnvelope(114.40, 23.10, 114.42, 23.11, 4326)),
                ('44130201000101', '西网格', 2, '441302010001', ST_MakeEnvelope(114.40, 23.10, 114.41, 23.11, 4326)),
                ('44130201000102', '东网格', 2, '441302010001', ST_MakeEnvelope(114.41, 23.10, 114.42, 23.11, 4326)),
                ('44130201000101001', '西片区', 3, '44130201000101', ST_MakeEnvelope(114.40, 23.10, 114.41, 23.11, 4326)),
                ('44130201000102001', '东片区', 3, '44130201000102', ST_MakeEnvelope(114.41, 23.10, 114.42, 23.11, 4326))
            ) AS g(code, name, level, parent, b);

            INSERT INTO officer (name, gender, phone) VALUES
                ('网格员甲', 'M', '13800000001'), ('网格员乙', 'F', '13800000002'),
                ('网格员丙', 'M', '13800000003'), ('网格长', 'F', '13800000004');
            """))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        BuildingA = await AddBuildingAsync(West, WestPoint.Lat, WestPoint.Lon);
        BuildingB = await AddBuildingAsync(West, WestPoint.Lat + 0.002, WestPoint.Lon);
        BuildingC = await AddBuildingAsync(East, EastPoint.Lat, EastPoint.Lon);
        OfficerWest1 = await Database.ScalarAsync<long>("SELECT id FROM officer WHERE phone = '13800000001'", Ct);
        OfficerWest2 = await Database.ScalarAsync<long>("SELECT id FROM officer WHERE phone = '13800000002'", Ct);
        OfficerEast = await Database.ScalarAsync<long>("SELECT id FROM officer WHERE phone = '13800000003'", Ct);
        OfficerLeader = await Database.ScalarAsync<long>("SELECT id FROM officer WHERE phone = '13800000004'", Ct);

        Calendars = new WorkingCalendarSource(Database.DataSource, Options.Create(new WorkingCalendarOptions()), DistrictTimeZone.Default, Clock);
        Cases = new CaseRepository(Database.DataSource, Calendars, Clock);
        Taxonomy = new TaxonomyRepository(Database.DataSource, Clock);
        CalendarEdits = new CalendarRepository(Database.DataSource, Calendars, Clock);
        Statistics = new CaseStatisticsRepository(Database.DataSource);
    }

    private async Task<long> AddBuildingAsync(string grid, double lat, double lon)
    {
        // A 10 m square footprint around the point.
        await using var command = Database.DataSource.CreateCommand(
            """
            INSERT INTO building (grid_code, address, floors, kind, management_mode, footprint, footprint_3857, centroid)
            SELECT @grid, '测试路' || @lat::text, 6, 'self_built', 'scattered', ST_Multi(f), ST_Transform(ST_Multi(f), 3857), ST_Centroid(f)
            FROM (SELECT ST_Expand(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 0.00005) AS f) AS s
            RETURNING id
            """);
        command.Parameters.AddWithValue("grid", grid);
        command.Parameters.AddWithValue("lat", lat);
        command.Parameters.AddWithValue("lon", lon);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>A report at a point of a block, with sensible defaults.</summary>
    public NewCase Report(string subcategory = "fire_ebike_indoor", string grid = West, long? building = null, (double Lat, double Lon)? at = null, string description = "楼道内电动车充电")
    {
        var point = at ?? (grid == West ? WestPoint : EastPoint);
        return new NewCase
        {
            SubcategoryCode = subcategory,
            Description = description,
            Lat = point.Lat,
            Lon = point.Lon,
            GridCode = grid,
            BuildingId = building,
            Source = CaseSource.Mobile,
        };
    }

    /// <summary>Creates a case and fails the test when that is refused.</summary>
    public async Task<CaseDetail> CreateAsync(NewCase report, CaseActor? reporter = null, GridScope? scope = null)
    {
        var result = await Cases.CreateAsync(scope ?? GridScope.Everything, report, reporter ?? West1, Ct);
        Assert.True(result.Outcome == CaseWriteOutcome.Applied, result.Message);
        return result.Case!;
    }

    /// <summary>Applies a command at the case's current version and fails the test when that does not work.</summary>
    public async Task<CaseDetail> ApplyAsync(CaseDetail current, CaseCommand command, GridScope? scope = null)
    {
        var result = await Cases.ApplyAsync(scope ?? GridScope.Everything, current.Id, current.Version, command, Ct);
        Assert.True(result.Outcome == CaseWriteOutcome.Applied, $"{command.Action.ToCode()}: {result.Outcome} {result.Message}");
        return result.Case!;
    }

    public Task<long> CountAsync(string sql) => Database.ScalarAsync<long>(sql, Ct);

    /// <summary>A JPEG-looking photo whose bytes differ by <paramref name="seed"/>.</summary>
    public static byte[] Jpeg(int seed) => [0xFF, 0xD8, 0xFF, 0xE0, (byte)seed, (byte)(seed >> 8), 1, 2, 3];

    public async Task<PostgresException> SqlFailsAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
