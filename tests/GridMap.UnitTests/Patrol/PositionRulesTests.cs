using GridMap.Domain.Patrol;

namespace GridMap.UnitTests.Patrol;

public sealed class PositionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly PositionRules Rules = new(TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));

    private static PositionReport At(double lat, double lon, DateTimeOffset? time = null) => new("a", time ?? Now, lat, lon);

    [Theory]
    [InlineData(90.0001, 114, "lat")]
    [InlineData(-91, 114, "lat")]
    [InlineData(23, 180.5, "lon")]
    [InlineData(23, -181, "lon")]
    [InlineData(double.NaN, 114, "lat")]
    public void Coordinates_out_of_range_are_rejected(double lat, double lon, string field)
    {
        var verdict = Rules.Check(At(lat, lon), Now);

        Assert.False(verdict.IsAccepted);
        Assert.Equal(PositionRejection.OutOfRangeCode, verdict.Rejection!.Code);
        Assert.StartsWith(field, verdict.Rejection.Reason);
    }

    [Fact]
    public void Zero_zero_is_no_fix()
    {
        Assert.Equal(PositionRejection.NoFixCode, Rules.Check(At(0, 0), Now).Rejection!.Code);
    }

    [Fact]
    public void A_time_a_little_ahead_is_accepted_far_ahead_is_not()
    {
        Assert.True(Rules.Check(At(23, 114, Now.AddMinutes(4)), Now).IsAccepted);
        var verdict = Rules.Check(At(23, 114, Now.AddMinutes(6)), Now);
        Assert.Equal(PositionRejection.FutureCode, verdict.Rejection!.Code);
        Assert.Contains("5 minutes in the future", verdict.Rejection.Reason);
    }

    [Fact]
    public void Buffered_positions_are_accepted_up_to_the_maximum_age()
    {
        Assert.True(Rules.Check(At(23, 114, Now.AddDays(-6)), Now).IsAccepted);
        Assert.Equal(PositionRejection.TooOldCode, Rules.Check(At(23, 114, Now.AddDays(-8)), Now).Rejection!.Code);
        Assert.Equal(PositionRejection.TooOldCode, Rules.Check(At(23, 114, DateTimeOffset.UnixEpoch), Now).Rejection!.Code);
    }

    [Fact]
    public void A_position_without_a_time_is_taken_as_received_now()
    {
        Assert.Equal(Now, Rules.Check(At(23, 114) with { Time = null }, Now).Accepted!.Time);
    }

    [Fact]
    public void Meaningless_optional_values_are_dropped_not_rejected()
    {
        var report = At(23, 114) with { SpeedMps = -1, Heading = 450, Accuracy = -3, Battery = 140, Altitude = double.PositiveInfinity };

        var accepted = Rules.Check(report, Now).Accepted!;

        Assert.Null(accepted.SpeedMps);
        Assert.Equal(90, accepted.Heading);
        Assert.Null(accepted.Accuracy);
        Assert.Null(accepted.Battery);
        Assert.Null(accepted.Altitude);
    }

    [Fact]
    public void Times_are_cut_to_the_microsecond_the_database_keeps()
    {
        var time = Now.AddTicks(1234567);

        var accepted = Rules.Check(At(23, 114, time), Now.AddMinutes(1)).Accepted!;

        Assert.Equal(Now.AddTicks(1234560), accepted.Time);
    }
}
