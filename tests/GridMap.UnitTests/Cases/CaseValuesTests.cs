using GridMap.Domain.Access;
using GridMap.Domain.Calendar;
using GridMap.Domain.Cases;

namespace GridMap.UnitTests.Cases;

public sealed class CaseValuesTests
{
    [Fact]
    public void Case_numbers_read_street_day_and_sequence()
    {
        var number = CaseNumber.Create("441302010", new DateOnly(2026, 11, 22), 1);
        Assert.Equal("441302010-20261122-0001", number.ToString());
        Assert.Equal("441302010-20261122-12345", CaseNumber.Create("441302010", new DateOnly(2026, 11, 22), 12345).ToString());

        Assert.True(CaseNumber.TryParse("441302010-20261122-0042", out var parsed));
        Assert.Equal(new CaseNumber("441302010", new DateOnly(2026, 11, 22), 42), parsed);
        Assert.False(CaseNumber.TryParse("441302010-20261322-0001", out _));
        Assert.False(CaseNumber.TryParse("441302010-20261122-0000", out _));
        Assert.False(CaseNumber.TryParse("4413020-20261122-0001", out _));
        Assert.False(CaseNumber.TryParse(null, out _));
        Assert.Throws<ArgumentException>(() => CaseNumber.Create("44130201", new DateOnly(2026, 1, 1), 1));
    }

    [Fact]
    public void Actors_round_trip_through_their_stored_form()
    {
        var user = CaseActor.User(12, UserRole.GridOfficer, 30, "王网格员");
        Assert.Equal("user:12", user.Ref);
        Assert.Equal(user, CaseActor.FromStored(user.Ref, user.Name, user.Role, user.OfficerId));
        Assert.Equal("open311:key:7", CaseActor.Open311("key:7").Ref);
        Assert.Equal(CaseActorKind.Open311, CaseActor.FromStored("open311:key:7", "x", null, null).Kind);
        Assert.Equal("system:deadlines", CaseActor.System("deadlines").Ref);
        Assert.Throws<FormatException>(() => CaseActor.FromStored("robot:1", "x", null, null));
    }

    [Fact]
    public void Photos_are_recognised_by_their_bytes_not_their_names()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. "VP8 "u8];
        byte[] pdf = [.. "%PDF-1.7"u8];

        Assert.Equal("image/jpeg", CasePhotos.SniffType(jpeg));
        Assert.Equal("image/png", CasePhotos.SniffType(png));
        Assert.Equal("image/webp", CasePhotos.SniffType(webp));
        Assert.Null(CasePhotos.SniffType(pdf));

        Assert.Null(CasePhotos.Validate(jpeg, 100, out var type));
        Assert.Equal("image/jpeg", type);
        Assert.Contains("not a JPEG", CasePhotos.Validate(pdf, 100, out _));
        Assert.Contains("at most", CasePhotos.Validate(jpeg, 4, out _));
        Assert.Contains("empty", CasePhotos.Validate([], 4, out _));
    }

    [Fact]
    public void Taxonomy_edits_are_checked_before_they_become_a_version()
    {
        var good = new HazardSubcategory
        {
            Code = "env_manhole_missing",
            CategoryCode = "environment_order",
            NameZh = "井盖缺失",
            NameEn = "Missing manhole cover",
            FilingConditionsZh = "井口敞开",
            FilingConditionsEn = "The shaft is open",
            ClosingConditionsZh = "已补装",
            ClosingConditionsEn = "Cover fitted",
            Severity = Severity.Critical,
            Departments = ["utilities", "urban"],
            Limits = new StageLimits(TimeLimit.EmergencyHours(0.5m), TimeLimit.EmergencyHours(0.5m), TimeLimit.EmergencyHours(2), TimeLimit.EmergencyHours(4)),
        };
        Assert.Empty(TaxonomyRules.Validate(good));

        var bad = good with { Code = "Manhole!", NameEn = " ", Departments = [] };
        var errors = TaxonomyRules.Validate(bad);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("Manhole!"));
        Assert.Contains(errors, e => e.Contains("English name"));
        Assert.Contains(errors, e => e.Contains("department"));
        Assert.Contains(TaxonomyRules.Validate(good with { Departments = ["urban", "urban"] }), e => e.Contains("twice"));
    }

    [Fact]
    public void Stage_of_each_state()
    {
        Assert.Equal(CaseStage.Verification, CaseValueCodes.StageOf(CaseState.Reported));
        Assert.Equal(CaseStage.Dispatch, CaseValueCodes.StageOf(CaseState.Verified));
        Assert.Equal(CaseStage.Handling, CaseValueCodes.StageOf(CaseState.Accepted));
        Assert.Equal(CaseStage.Check, CaseValueCodes.StageOf(CaseState.Handled));
        Assert.Null(CaseValueCodes.StageOf(CaseState.Checked));
        Assert.Null(CaseValueCodes.StageOf(CaseState.Parked));
    }
}
