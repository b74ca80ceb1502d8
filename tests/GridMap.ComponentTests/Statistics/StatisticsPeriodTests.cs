using GridMap.Web.Statistics;

namespace GridMap.ComponentTests.Statistics;

/// <summary>Periods are Shanghai calendar days, <c>to</c> inclusive; bad input names the parameter.</summary>
public sealed class StatisticsPeriodTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_range_runs_from_local_midnight_to_the_midnight_after_the_last_day()
    {
        var (period, field, error) = StatisticsPeriod.Parse("2026-11-01", "2026-11-30", Now, Shanghai);

        Assert.Null(field);
        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), period!.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(30, period.Days);
    }

    [Fact]
    public void No_dates_is_the_current_month_in_shanghai()
    {
        // 23:30 UTC on 31 October is already 1 November in Shanghai.
        var (period, _, _) = StatisticsPeriod.Parse(null, null, new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero), Shanghai);

        Assert.Equal(new DateOnly(2026, 11, 1), period!.From);
        Assert.Equal(new DateOnly(2026, 11, 30), period.To);
    }

    [Theory]
    [InlineData("2026-11-01", null, "to")]
    [InlineData(null, "2026-11-30", "from")]
    [InlineData("2026-11-31", "2026-12-01", "from")]
    [InlineData("2026-11-01", "30/11/2026", "to")]
    [InlineData("2026-12-01", "2026-11-30", "to")]
    [InlineData("2025-11-01", "2026-11-30", "to")]
    public void Bad_dates_name_the_field(string? from, string? to, string expectedField)
    {
        var (period, field, error) = StatisticsPeriod.Parse(from, to, Now, Shanghai);

        Assert.Null(period);
        Assert.Equal(expectedField, field);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_leap_year_fits_in_the_longest_period()
    {
        var (period, _, _) = StatisticsPeriod.Parse("2028-01-01", "2028-12-31", Now, Shanghai);

        Assert.Equal(366, period!.Days);
    }

    [Theory]
    [InlineData("2026-02", 2026, 2, 28)]
    [InlineData("2028-02", 2028, 2, 29)]
    public void A_month_is_its_calendar_days(string month, int year, int number, int days)
    {
        var (period, error) = StatisticsPeriod.ParseMonth(month, Shanghai);

        Assert.Null(error);
        Assert.Equal(new DateOnly(year, number, 1), period!.From);
        Assert.Equal(days, period.Days);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("2026-11-01")]
    [InlineData("november")]
    public void A_bad_month_is_refused(string? month)
    {
        var (period, error) = StatisticsPeriod.ParseMonth(month, Shanghai);

        Assert.Null(period);
        Assert.Contains("month", error);
    }

    [Theory]
    [InlineData("grid3", StatisticsGrouping.Grid3)]
    [InlineData("Department", StatisticsGrouping.Department)]
    [InlineData("reporter", StatisticsGrouping.Reporter)]
    public void Groupings_parse_by_code(string code, StatisticsGrouping expected)
    {
        Assert.True(StatisticsGroupings.TryParse(code, out var grouping));
        Assert.Equal(expected, grouping);
        Assert.False(StatisticsGroupings.TryParse("street", out _));
    }
}
