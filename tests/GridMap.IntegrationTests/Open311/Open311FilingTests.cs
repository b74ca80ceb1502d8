using GridMap.Data.Cases;
using GridMap.Data.Open311;
using GridMap.Domain.Cases;
using GridMap.IntegrationTests.CasesApi;
using Npgsql;

namespace GridMap.IntegrationTests.Open311;

/// <summary>An Open311 report and the reporter's details it carries are filed together or not at all.</summary>
public sealed class Open311FilingTests(CasesApiApp app) : IClassFixture<CasesApiApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NewCase Report(string gridCode, double lat, double lon) => new()
    {
        SubcategoryCode = "fire_ebike_indoor",
        Description = "楼道内有电动车充电 / an e-bike charging in the stairwell",
        Lat = lat,
        Lon = lon,
        GridCode = gridCode,
        Source = CaseSource.Open311,
    };

    [Fact]
    public async Task A_case_is_filed_with_its_reporter_record_in_one_transaction()
    {
        var keyId = await app.Database.ScalarAsync<long>(
            """
            INSERT INTO open311_api_key (name, owner, key_prefix, key_hash, created_by, created_at)
            VALUES ('filing test', 'tests', 'gm311ft', sha256('filing test'::bytea), 'test', now())
            RETURNING id
            """, Ct);
        var place = await app.GridWithOfficerAsync(0);
        var (grid, lat, lon) = (place.Grid, place.Lat, place.Lon);
        var store = app.Service<ServiceRequestStore>();
        var reporter = CaseActor.Open311(keyId.ToString(System.Globalization.CultureInfo.InvariantCulture), "filing test");

        var filed = await store.FileAsync(Report(grid, lat, lon), reporter, new Open311RequestRecord(keyId) { Email = "resident@example.cn", Phone = "13800000000" }, Ct);

        Assert.Equal(CaseWriteOutcome.Applied, filed.Outcome);
        Assert.Equal("resident@example.cn", await app.Database.ScalarAsync<string>($"SELECT email FROM open311_request WHERE case_id = {filed.Case!.Id}", Ct));

        // A record that cannot be written (its key does not exist) takes the case down with it.
        var casesBefore = await app.Database.ScalarAsync<long>("SELECT count(*) FROM hazard_case", Ct);
        var eventsBefore = await app.Database.ScalarAsync<long>("SELECT count(*) FROM case_event", Ct);
        await Assert.ThrowsAsync<PostgresException>(() =>
            store.FileAsync(Report(grid, lat, lon), reporter, new Open311RequestRecord(keyId + 1000) { Email = "lost@example.cn" }, Ct));
        Assert.Equal(casesBefore, await app.Database.ScalarAsync<long>("SELECT count(*) FROM hazard_case", Ct));
        Assert.Equal(eventsBefore, await app.Database.ScalarAsync<long>("SELECT count(*) FROM case_event", Ct));
    }
}
