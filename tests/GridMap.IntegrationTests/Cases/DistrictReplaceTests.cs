using GridMap.Data;
using GridMap.Data.Cases;
using GridMap.Data.Loading;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetTopologySuite.Geometries;

namespace GridMap.IntegrationTests.Cases;

/// <summary>
/// The one way case rows go: replacing the whole district (generate) truncates every table that
/// references buildings and officers. The append-only triggers are row triggers, so they do not
/// stand in its way, and nothing else can delete a case.
/// </summary>
public sealed class DistrictReplaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultiPolygon Square(double lon, double lat, double size)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var ring = factory.CreateLinearRing([
            new(lon, lat), new(lon + size, lat), new(lon + size, lat + size), new(lon, lat + size), new(lon, lat)]);
        return factory.CreateMultiPolygon([factory.CreatePolygon(ring)]);
    }

    private static DistrictData TinyDistrict()
    {
        var day = new DateOnly(2026, 1, 1);
        return new DistrictData(
            "tiny", day,
            [
                new GridRow("441302010001", "社区", 1, null, "residential", Square(114.40, 23.10, 0.01), 100, day),
                new GridRow("44130201000101", "网格", 2, "441302010001", "residential", Square(114.40, 23.10, 0.01), 100, day),
                new GridRow("44130201000101001", "片区", 3, "44130201000101", "residential", Square(114.40, 23.10, 0.01), 100, day),
            ],
            [new OfficerRow(1, "网格员", 'M', "13800000009")],
            [new OfficerAssignmentRow(1, 1, "44130201000101001", "grid_officer", "day", null, day)],
            [new BuildingRow(1, "44130201000101001", "测试路1号", 5, "self_built", "scattered", false, Square(114.405, 23.105, 0.0001))],
            [], [], [], [], [], []);
    }

    [Fact]
    public async Task Replacing_the_district_empties_the_cases_that_point_into_it()
    {
        await using var database = await TestDatabase.CreateAsync(cancellationToken: Ct);
        var loader = new DistrictLoader(database.DataSource, NullLogger<DistrictLoader>.Instance);
        Assert.True((await loader.LoadAsync(TinyDistrict(), DistrictLoadMode.FailIfNotEmpty, cancellationToken: Ct)).Loaded);

        var clock = new FakeTimeProvider(CasesFixture.Monday9);
        var cases = new CaseRepository(database.DataSource, new WorkingCalendarSource(database.DataSource, Options.Create(new WorkingCalendarOptions()), DistrictTimeZone.Default, clock), clock);
        var reporter = CaseActor.User(1, UserRole.GridOfficer, 1);
        var created = await cases.CreateAsync(GridScope.Everything, new NewCase
        {
            SubcategoryCode = "fire_wiring", Description = "飞线", Lat = 23.10505, Lon = 114.40505,
            GridCode = "44130201000101001", BuildingId = 1, Photos = [CasesFixture.Jpeg(1)],
        }, reporter, Ct);
        Assert.Equal(CaseWriteOutcome.Applied, created.Outcome);
        var c = created.Case!;
        c = (await cases.ApplyAsync(GridScope.Everything, c.Id, c.Version, new CaseCommand(CaseAction.Verify, reporter), Ct)).Case!;
        var dispatched = await cases.ApplyAsync(GridScope.Everything, c.Id, c.Version,
            new CaseCommand(CaseAction.Dispatch, CaseActor.System("dispatch")) { AssigneeOfficerId = 1 }, Ct);
        Assert.Equal(CaseWriteOutcome.Applied, dispatched.Outcome);

        var replaced = await loader.LoadAsync(TinyDistrict(), DistrictLoadMode.Replace, cancellationToken: Ct);

        Assert.True(replaced.Loaded);
        Assert.Contains("hazard_case", replaced.ClearedTables);
        Assert.Contains("case_event", replaced.ClearedTables);
        foreach (var table in new[] { "hazard_case", "case_event", "case_photo", "case_escalation" })
        {
            Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM {table}", Ct));
        }

        // The taxonomy and the calendar are not district data and stay.
        Assert.Equal(24, await database.ScalarAsync<long>("SELECT count(*) FROM hazard_subcategory", Ct));
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM calendar_day", Ct) > 0);
    }
}
