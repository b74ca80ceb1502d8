using GridMap.Domain.Cases;
using Npgsql;

namespace GridMap.IntegrationTests.Cases;

/// <summary>Nothing is deleted and the timeline is append-only, even for the table owner.</summary>
public sealed class CaseHistoryGuardTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    [Fact]
    public async Task Events_escalations_and_photos_cannot_be_changed_or_deleted()
    {
        fixture.Clock.AdjustTime(CasesFixture.Monday9);
        var created = await fixture.CreateAsync(fixture.Report() with { Photos = [CasesFixture.Jpeg(1)] });
        fixture.Clock.Advance(TimeSpan.FromHours(5));
        await fixture.ApplyAsync(created, new CaseCommand(CaseAction.Escalate, CaseActor.System("deadlines")) { Note = "超时" });
        var id = created.Id;

        foreach (var sql in new[]
        {
            $"UPDATE case_event SET note = 'rewritten' WHERE case_id = {id}",
            $"DELETE FROM case_event WHERE case_id = {id}",
            $"UPDATE case_escalation SET level = 3 WHERE case_id = {id}",
            $"DELETE FROM case_escalation WHERE case_id = {id}",
            $"UPDATE case_photo SET mime = 'image/png' WHERE case_id = {id}",
            $"DELETE FROM case_photo WHERE case_id = {id}",
        })
        {
            var error = await fixture.SqlFailsAsync(sql);
            Assert.Equal(PostgresErrorCodes.RestrictViolation, error.SqlState);
            Assert.Contains("append-only", error.MessageText);
        }

        Assert.Equal(2, await fixture.CountAsync($"SELECT count(*) FROM case_event WHERE case_id = {id}"));
    }

    [Fact]
    public async Task Cases_are_never_deleted_and_their_identity_and_version_rules_hold()
    {
        fixture.Clock.AdjustTime(CasesFixture.Monday9);
        var created = await fixture.CreateAsync(fixture.Report());
        var id = created.Id;

        Assert.Contains("never deleted", (await fixture.SqlFailsAsync($"DELETE FROM hazard_case WHERE id = {id}")).MessageText);
        Assert.Contains("never change", (await fixture.SqlFailsAsync($"UPDATE hazard_case SET number = '441302010-20200101-0001', version = version + 1 WHERE id = {id}")).MessageText);
        Assert.Contains("bumps the version", (await fixture.SqlFailsAsync($"UPDATE hazard_case SET state = 'closed', closed_at = now() WHERE id = {id}")).MessageText);
        Assert.Equal(1, await fixture.CountAsync($"SELECT count(*) FROM hazard_case WHERE id = {id} AND state = 'reported'"));
    }

    [Fact]
    public async Task Taxonomy_history_can_be_closed_but_not_rewritten()
    {
        Assert.Contains("is history", (await fixture.SqlFailsAsync(
            "UPDATE hazard_subcategory SET handle_amount = 99 WHERE code = 'fire_wiring' AND valid_to IS NULL")).MessageText);
        Assert.Contains("cannot be deleted", (await fixture.SqlFailsAsync(
            "DELETE FROM hazard_category WHERE code = 'structural'")).MessageText);
        Assert.Contains("append-only", (await fixture.SqlFailsAsync(
            "DELETE FROM hazard_subcategory_department")).MessageText);
    }
}
