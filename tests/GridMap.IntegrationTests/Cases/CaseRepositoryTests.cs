using GridMap.Data.Cases;
using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;
using static GridMap.IntegrationTests.Cases.CasesFixture;

namespace GridMap.IntegrationTests.Cases;

/// <summary>A case from report to closure on real PostGIS, and what the store refuses.</summary>
public sealed class CaseRepositoryTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    [Fact]
    public async Task Create_transition_and_read_back_the_timeline()
    {
        var clock = fixture.Clock;
        clock.AdjustTime(At(11, 23, 9));
        var created = await fixture.CreateAsync(
            fixture.Report(building: fixture.BuildingA) with { Photos = [Jpeg(1)], Severity = Severity.Critical });

        Assert.Matches(@"^441302010-20261123-\d{4}$", created.Number);
        Assert.Equal(CaseState.Reported, created.State);
        Assert.Equal(1, created.Version);
        Assert.Equal(West, created.GridCode);
        Assert.Equal(fixture.BuildingA, created.BuildingId);
        Assert.Equal(Severity.Critical, created.Severity);
        Assert.Equal("fire_safety", created.CategoryCode);
        Assert.Equal(["fire", "street"], created.Status.Departments.Order());
        Assert.Equal("user:3", created.ReportedBy);
        Assert.Equal(fixture.OfficerWest1, created.ReporterOfficerId);
        Assert.Equal(CaseSource.Mobile, created.Source);
        Assert.Equal(At(11, 23, 11), created.Status.Deadline); // 2 working hours to verify
        Assert.Equal(TimeLimit.WorkingHours(2), created.Status.StageLimit);
        var photo = Assert.Single(created.Photos);
        Assert.Equal("image/jpeg", photo.Mime);
        Assert.Equal(64, photo.Sha256Hex.Length);
        var report = Assert.Single(created.Timeline);
        Assert.Equal([photo.Id], report.PhotoIds);
        Assert.Equal(new CaseLocation(WestPoint.Lat, WestPoint.Lon), report.Location);
        Assert.Equal(1, await fixture.CountAsync(
            $"SELECT count(*) FROM hazard_case WHERE id = {created.Id} AND ST_Equals(geom, ST_SetSRID(ST_MakePoint({WestPoint.Lon}, {WestPoint.Lat}), 4326)) AND ST_SRID(geom_3857) = 3857"));

        clock.AdjustTime(At(11, 23, 9, 30));
        var c = await fixture.ApplyAsync(created, new CaseCommand(CaseAction.Verify, fixture.West1) { Location = new CaseLocation(23.1051, 114.4049), Note = "现场核实属实" });
        clock.AdjustTime(At(11, 23, 10));
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Dispatch, fixture.Command) { AssigneeOfficerId = fixture.OfficerWest2, Rule = "grid-officer-on-shift" });
        Assert.Equal(At(11, 24, 10), c.Status.Deadline); // 1 working day to handle
        clock.AdjustTime(At(11, 23, 10, 5));
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Accept, fixture.West2));
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Start, fixture.West2));
        clock.AdjustTime(At(11, 23, 15));
        var (evidence, error) = await fixture.Cases.AddPhotoAsync(GridScope.Everything, c.Id, Jpeg(2), fixture.West2, Ct);
        Assert.Null(error);
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Handle, fixture.West2) { PhotoIds = [evidence!.Value], Note = "已清理并设集中充电点" });
        clock.AdjustTime(At(11, 24, 9));
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.CheckPass, fixture.West1) { Location = new CaseLocation(23.105, 114.405) });
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Close, fixture.Leader));

        var read = await fixture.Cases.GetAsync(GridScope.Everything, c.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(CaseState.Closed, read.State);
        Assert.Equal(8, read.Version);
        Assert.Equal(At(11, 24, 9), read.Status.ClosedAt);
        Assert.Null(read.Status.Deadline);
        Assert.Equal(fixture.OfficerWest2, read.Status.AssigneeOfficerId);
        Assert.Equal(2, read.Photos.Count);

        Assert.Equal(
            [CaseAction.Report, CaseAction.Verify, CaseAction.Dispatch, CaseAction.Accept, CaseAction.Start, CaseAction.Handle, CaseAction.CheckPass, CaseAction.Close],
            read.Timeline.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, 8), read.Timeline.Select(e => e.Sequence));
        var verify = read.Timeline[1];
        Assert.Equal(CaseState.Reported, verify.From);
        Assert.Equal(CaseState.Verified, verify.To);
        Assert.Equal(fixture.West1, verify.Actor);
        Assert.Equal(At(11, 23, 9, 30), verify.At);
        Assert.Equal(new CaseLocation(23.1051, 114.4049), verify.Location);
        Assert.Equal("现场核实属实", verify.Note);
        Assert.Equal(At(11, 23, 11), verify.DueAt);
        Assert.True(verify.OnTime);
        var dispatch = read.Timeline[2];
        Assert.Equal(fixture.OfficerWest2, dispatch.AssigneeOfficerId);
        Assert.Equal("grid-officer-on-shift", dispatch.Rule);
        Assert.Equal(["fire", "street"], dispatch.Departments!.Order());
        Assert.Equal([evidence.Value], read.Timeline[5].PhotoIds);
        Assert.All(read.Timeline, e => Assert.True(e.OnTime));

        var byNumber = await fixture.Cases.GetByNumberAsync(GridScope.Everything, read.Number, Ct);
        Assert.Equal(read.Id, byNumber?.Id);
        Assert.Null(await fixture.Cases.GetByNumberAsync(GridScope.Everything, "not-a-number", Ct));
    }

    [Fact]
    public async Task Numbers_run_per_street_and_local_day()
    {
        // 23:30 UTC on 29 November is 07:30 on 30 November in Shanghai: the number takes the local date.
        fixture.Clock.AdjustTime(new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero));
        var first = await fixture.CreateAsync(fixture.Report());
        var second = await fixture.CreateAsync(fixture.Report(grid: East));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await fixture.CreateAsync(fixture.Report());

        Assert.Equal("441302010-20261130-0001", first.Number);
        Assert.Equal("441302010-20261130-0002", second.Number);
        Assert.Equal("441302010-20261201-0001", nextDay.Number);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_writes_nothing()
    {
        fixture.Clock.AdjustTime(At(11, 25, 9));
        var created = await fixture.CreateAsync(fixture.Report());

        var first = await fixture.Cases.ApplyAsync(GridScope.Everything, created.Id, 1, new CaseCommand(CaseAction.Verify, fixture.West1), Ct);
        var second = await fixture.Cases.ApplyAsync(GridScope.Everything, created.Id, 1,
            new CaseCommand(CaseAction.Cancel, fixture.Leader) { CancelReason = CancelReason.Invalid, Note = "无此情况" }, Ct);

        Assert.Equal(CaseWriteOutcome.Applied, first.Outcome);
        Assert.Equal(CaseWriteOutcome.Conflict, second.Outcome);
        Assert.Equal(2, second.CurrentVersion);
        Assert.Contains("version 2", second.Message);
        var read = await fixture.Cases.GetAsync(GridScope.Everything, created.Id, Ct);
        Assert.Equal(CaseState.Verified, read!.State);
        Assert.Equal(2, read.Timeline.Count);
    }

    [Fact]
    public async Task Of_two_simultaneous_transitions_at_the_same_version_exactly_one_wins()
    {
        fixture.Clock.AdjustTime(At(11, 25, 10));
        var created = await fixture.CreateAsync(fixture.Report());
        var verified = await fixture.ApplyAsync(created, new CaseCommand(CaseAction.Verify, fixture.West1));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => fixture.Cases.ApplyAsync(
            GridScope.Everything, verified.Id, verified.Version,
            new CaseCommand(CaseAction.Dispatch, fixture.Command) { AssigneeOfficerId = i % 2 == 0 ? fixture.OfficerWest1 : fixture.OfficerWest2 }, Ct)));

        Assert.Single(results, r => r.Outcome == CaseWriteOutcome.Applied);
        Assert.Equal(5, results.Count(r => r.Outcome == CaseWriteOutcome.Conflict));
        Assert.Equal(3, await fixture.CountAsync($"SELECT count(*) FROM case_event WHERE case_id = {created.Id}"));
    }

    [Fact]
    public async Task Refused_transitions_store_nothing_and_say_why()
    {
        fixture.Clock.AdjustTime(At(11, 25, 11));
        var created = await fixture.CreateAsync(fixture.Report());
        var other = await fixture.CreateAsync(fixture.Report());
        var (otherPhoto, _) = await fixture.Cases.AddPhotoAsync(GridScope.Everything, other.Id, Jpeg(9), fixture.West1, Ct);

        async Task<CaseWriteResult> Try(CaseCommand command) =>
            await fixture.Cases.ApplyAsync(GridScope.Everything, created.Id, created.Version, command, Ct);

        var illegal = await Try(new CaseCommand(CaseAction.Close, fixture.Command));
        Assert.Equal(CaseWriteOutcome.Refused, illegal.Outcome);
        Assert.Equal(RefusalKind.IllegalTransition, illegal.Refusal!.Kind);
        Assert.Contains("reported", illegal.Message);

        var verified = await fixture.ApplyAsync(created, new CaseCommand(CaseAction.Verify, fixture.West1));
        var noOfficer = await fixture.Cases.ApplyAsync(GridScope.Everything, verified.Id, verified.Version,
            new CaseCommand(CaseAction.Dispatch, fixture.Command) { AssigneeOfficerId = 999_999 }, Ct);
        Assert.Equal(CaseWriteOutcome.Refused, noOfficer.Outcome);
        Assert.Contains("no officer 999999", noOfficer.Message);

        var noDepartment = await fixture.Cases.ApplyAsync(GridScope.Everything, verified.Id, verified.Version,
            new CaseCommand(CaseAction.Dispatch, fixture.Command) { AssigneeOfficerId = fixture.OfficerWest1, Departments = ["fire", "spaceforce"] }, Ct);
        Assert.Contains("spaceforce", noDepartment.Message);

        var foreignPhoto = await fixture.Cases.ApplyAsync(GridScope.Everything, verified.Id, verified.Version,
            new CaseCommand(CaseAction.Park, fixture.Command) { Note = "等待改造", PhotoIds = [otherPhoto!.Value] }, Ct);
        Assert.Contains("were not uploaded for this case", foreignPhoto.Message);

        var noOriginal = await fixture.Cases.ApplyAsync(GridScope.Everything, verified.Id, verified.Version,
            new CaseCommand(CaseAction.Cancel, fixture.Leader) { CancelReason = CancelReason.Duplicate, DuplicateOf = 999_999, Note = "重复" }, Ct);
        Assert.Contains("no case 999999", noOriginal.Message);

        var read = await fixture.Cases.GetAsync(GridScope.Everything, created.Id, Ct);
        Assert.Equal(2, read!.Version);
        Assert.Equal(2, read.Timeline.Count);

        var duplicate = await fixture.ApplyAsync(read, new CaseCommand(CaseAction.Cancel, fixture.Leader)
        {
            CancelReason = CancelReason.Duplicate, DuplicateOf = other.Id, Note = "与另一案件重复",
        });
        Assert.Equal(CaseState.Cancelled, duplicate.State);
        Assert.Equal(other.Id, duplicate.Status.DuplicateOf);
        Assert.Equal(CancelReason.Duplicate, duplicate.Timeline[^1].CancelReason);
    }

    [Fact]
    public async Task Bad_reports_are_refused_and_nothing_is_stored()
    {
        fixture.Clock.AdjustTime(At(11, 25, 14));
        var before = await fixture.CountAsync("SELECT count(*) FROM hazard_case");
        var photosBefore = await fixture.CountAsync("SELECT count(*) FROM case_photo");

        async Task<CaseWriteResult> Try(NewCase report, GridScope? scope = null) =>
            await fixture.Cases.CreateAsync(scope ?? GridScope.Everything, report, fixture.West1, Ct);

        Assert.Equal(
            new FieldError(CaseRules.Fields.Category, FieldErrorCodes.UnknownCategory, "ufo_landing").ToString(),
            Assert.Single((await Try(fixture.Report(subcategory: "ufo_landing"))).Refusal!.FieldErrors).ToString());
        Assert.Contains("not a current third-level grid", (await Try(fixture.Report() with { GridCode = "44130201000101999" })).Message);
        Assert.Contains("not a current third-level grid", (await Try(fixture.Report() with { GridCode = WestGrid })).Message);
        var outside = await Try(fixture.Report(grid: East), WestLeader);
        Assert.Equal(RefusalKind.NotPermitted, outside.Refusal!.Kind);
        Assert.Contains("no building", (await Try(fixture.Report(building: 999_999))).Message);
        var farNorth = Assert.Single((await Try(fixture.Report() with { Lat = 123 })).Refusal!.FieldErrors);
        Assert.Equal((CaseRules.Fields.Lat, FieldErrorCodes.OutOfRange), (farNorth.Field, farNorth.Code));
        Assert.Contains("not a JPEG", (await Try(fixture.Report() with { Photos = [Jpeg(3), "%PDF-1.7"u8.ToArray()] })).Message);
        Assert.Contains("at most", (await Try(fixture.Report() with { Photos = [new byte[CasePhotos.DefaultMaxBytes + 1]] })).Message);
        Assert.Contains((await Try(fixture.Report(description: "  "))).Refusal!.FieldErrors,
            e => e is { Field: CaseRules.Fields.Description, Code: FieldErrorCodes.Required });
        Assert.Contains("spaceforce", (await Try(fixture.Report() with { Departments = ["spaceforce"] })).Message);

        Assert.Equal(before, await fixture.CountAsync("SELECT count(*) FROM hazard_case"));
        Assert.Equal(photosBefore, await fixture.CountAsync("SELECT count(*) FROM case_photo"));
    }

    [Fact]
    public async Task Escalation_is_recorded_with_its_target_and_the_same_photo_is_stored_once()
    {
        fixture.Clock.AdjustTime(At(11, 26, 9));
        var created = await fixture.CreateAsync(fixture.Report(grid: East) with { Photos = [Jpeg(5), Jpeg(5)] });
        Assert.Single(created.Photos);
        var (again, _) = await fixture.Cases.AddPhotoAsync(GridScope.Everything, created.Id, Jpeg(5), fixture.West1, Ct);
        Assert.Equal(created.Photos[0].Id, again);

        fixture.Clock.AdjustTime(At(11, 26, 14)); // past the 11:00 verification deadline
        var system = CaseActor.System("deadlines");
        var c = await fixture.ApplyAsync(created, new CaseCommand(CaseAction.Escalate, system) { Note = "核实超时" });
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Escalate, system) { Note = "核实超时" });
        c = await fixture.ApplyAsync(c, new CaseCommand(CaseAction.Escalate, fixture.Command) { Note = "指挥中心督办" });

        Assert.Equal(3, c.Status.EscalationLevel);
        Assert.Equal(CaseState.Reported, c.State);
        Assert.Equal([EastGrid, "441302010001", null], c.Escalations.Select(x => x.TargetGridCode));
        Assert.Equal([1, 2, 3], c.Escalations.Select(x => x.Level));
        Assert.All(c.Escalations, x => Assert.Equal(CaseStage.Verification, x.Stage));
        Assert.Equal(At(11, 26, 11), c.Escalations[0].DueAt);
        Assert.Equal([2, 3, 4], c.Escalations.Select(x => x.EventSequence));
        Assert.Equal("system:deadlines", c.Escalations[0].EscalatedBy);
        Assert.False(c.Timeline[1].OnTime);
        Assert.Equal([1, 2, 3], c.Timeline.Skip(1).Select(e => e.EscalationLevel!.Value));
        Assert.All(c.Timeline.Skip(1), e => Assert.Equal(CaseState.Reported, e.To));

        var fourth = await fixture.Cases.ApplyAsync(GridScope.Everything, c.Id, c.Version, new CaseCommand(CaseAction.Escalate, system) { Note = "再次" }, Ct);
        Assert.Equal(CaseWriteOutcome.Refused, fourth.Outcome);
    }

    [Fact]
    public async Task Photos_are_served_only_within_scope()
    {
        fixture.Clock.AdjustTime(At(11, 26, 10));
        var created = await fixture.CreateAsync(fixture.Report(grid: East) with { Photos = [Jpeg(7)] });
        var id = created.Photos[0].Id;

        var photo = await fixture.Cases.GetPhotoAsync(EastLeader, id, Ct);
        Assert.NotNull(photo);
        Assert.Equal(Jpeg(7), photo.Bytes);
        Assert.Equal(created.Id, photo.CaseId);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg(7))), photo.Sha256Hex);

        Assert.Null(await fixture.Cases.GetPhotoAsync(WestLeader, id, Ct));
        Assert.Null(await fixture.Cases.GetPhotoAsync(GridScope.Everything, Guid.NewGuid(), Ct));
        var (none, error) = await fixture.Cases.AddPhotoAsync(WestLeader, created.Id, Jpeg(8), fixture.West1, Ct);
        Assert.Null(none);
        Assert.Equal("no such case", error);
    }
}
