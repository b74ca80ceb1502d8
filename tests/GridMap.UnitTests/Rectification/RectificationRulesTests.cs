using GridMap.Domain.Access;
using GridMap.Domain.Rectification;

namespace GridMap.UnitTests.Rectification;

public sealed class RectificationRulesTests
{
    [Theory]
    [InlineData("小金口街", 2026, 1, "小金口街整改〔2026〕第0001号")]
    [InlineData("小金口街", 2027, 123, "小金口街整改〔2027〕第0123号")]
    [InlineData("441302020", 2026, 12345, "441302020整改〔2026〕第12345号")]
    public void Notice_numbers_carry_the_street_the_year_and_a_four_digit_sequence(string street, int year, int sequence, string expected) =>
        Assert.Equal(expected, NoticeNumber.Format(street, year, sequence));

    [Fact]
    public void A_sequence_starts_at_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NoticeNumber.Format("小金口街", 2026, 0));

    [Theory]
    [InlineData(UserRole.GridLeader, true)]
    [InlineData(UserRole.Command, true)]
    [InlineData(UserRole.Admin, true)]
    [InlineData(UserRole.GridOfficer, false)]
    [InlineData(UserRole.Official, false)]
    public void Leaders_the_command_centre_and_administrators_issue_notices(UserRole role, bool may) =>
        Assert.Equal(may, RectificationRules.MayIssue(role));

    [Fact]
    public void The_assignee_records_a_result_whatever_their_role_other_officers_do_not()
    {
        Assert.True(RectificationRules.MayRecordResult(UserRole.GridOfficer, 7, 7));
        Assert.False(RectificationRules.MayRecordResult(UserRole.GridOfficer, 7, 8));
        Assert.False(RectificationRules.MayRecordResult(UserRole.GridOfficer, null, null));
        Assert.False(RectificationRules.MayRecordResult(UserRole.Official, null, 8));
        Assert.True(RectificationRules.MayRecordResult(UserRole.GridLeader, null, 8));
    }

    [Fact]
    public void Result_codes_round_trip_and_unknown_ones_are_refused()
    {
        foreach (var outcome in Enum.GetValues<ReinspectionOutcome>())
        {
            Assert.True(ReinspectionOutcomes.TryFromCode(outcome.ToCode(), out var back));
            Assert.Equal(outcome, back);
        }

        Assert.False(ReinspectionOutcomes.TryFromCode("done", out _));
        Assert.False(ReinspectionOutcomes.TryFromCode(null, out _));
    }
}
