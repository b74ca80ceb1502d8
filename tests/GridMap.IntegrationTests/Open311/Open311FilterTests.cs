using GridMap.Web.Open311;

namespace GridMap.IntegrationTests.Open311;

/// <summary>The filters of GET requests and the W3C times, without a database.</summary>
public sealed class Open311FilterTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_dates_the_range_is_the_last_90_days()
    {
        var query = Open311RequestFilter.Parse(null, null, null, null, null, Now, Shanghai, 90).Query!;

        Assert.Equal(Now, query.End);
        Assert.Equal(Now.AddDays(-90), query.Start);
        Assert.Null(query.Closed);
        Assert.Empty(query.Numbers);
    }

    [Fact]
    public void One_date_gives_the_90_days_after_or_before_it()
    {
        var start = Open311RequestFilter.Parse(null, null, "2026-01-01T00:00:00Z", null, null, Now, Shanghai, 90).Query!;
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), start.End);

        var end = Open311RequestFilter.Parse(null, null, null, "2026-04-01T00:00:00Z", null, Now, Shanghai, 90).Query!;
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), end.Start);
    }

    [Theory]
    [InlineData("2026-11-24T10:00:00+08:00", "2026-11-24T02:00:00Z")]
    [InlineData("2026-11-24T02:00:00Z", "2026-11-24T02:00:00Z")]
    [InlineData("2026-11-24T10:00:00", "2026-11-24T02:00:00Z")]
    [InlineData("2026-11-24", "2026-11-23T16:00:00Z")]
    public void Dates_with_an_offset_are_exact_and_without_one_are_Shanghai_wall_clock(string text, string utc)
    {
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Open311RequestFilter.ParseInstant(text, Shanghai));
    }

    [Theory]
    [InlineData(null, null, "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", null, "90 days")]
    [InlineData(null, null, "2026-06-01T00:00:00Z", "2026-05-01T00:00:00Z", null, "after end_date")]
    [InlineData(null, null, "soon", null, null, "start_date")]
    [InlineData(null, null, null, null, "pending", "status")]
    [InlineData("12345", null, null, null, null, "service_request_id")]
    public void Bad_filters_are_named(string? ids, string? codes, string? start, string? end, string? status, string expected)
    {
        var result = Open311RequestFilter.Parse(ids, codes, start, end, status, Now, Shanghai, 90);

        Assert.Null(result.Query);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Status_and_codes_are_comma_separated_lists()
    {
        Assert.True(Open311RequestFilter.Parse(null, null, null, null, "closed", Now, Shanghai, 90).Query!.Closed);
        Assert.False(Open311RequestFilter.Parse(null, null, null, null, "open,open", Now, Shanghai, 90).Query!.Closed);
        Assert.Null(Open311RequestFilter.Parse(null, null, null, null, "open, closed", Now, Shanghai, 90).Query!.Closed);
        Assert.Equal(["a_b", "c_d"], Open311RequestFilter.Parse(null, "a_b, c_d", null, null, null, Now, Shanghai, 90).Query!.ServiceCodes);
    }

    [Fact]
    public void Times_are_written_in_the_district_offset()
    {
        Assert.Equal("2026-11-24T10:00:00+08:00", Open311Mapping.W3c(Now, Shanghai));
    }

    [Fact]
    public void Xml_and_json_carry_the_same_tree()
    {
        var body = new Open311List("request", [Open311Object.Of(
            ("service_request_id", new Open311Text("441302010-20261124-0001")),
            ("description", new Open311Text(null)),
            ("lat", new Open311Number(23.5)),
            ("formats", new Open311List("format", [new Open311Text("text/xml")])))]);

        Assert.Equal(
            """[{"service_request_id":"441302010-20261124-0001","description":null,"lat":23.5,"formats":["text/xml"]}]""",
            System.Text.Encoding.UTF8.GetString(Open311Document.ToJson(body)));
        Assert.Equal(
            """<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>441302010-20261124-0001</service_request_id><description /><lat>23.5</lat><formats><format>text/xml</format></formats></request></service_requests>""",
            System.Text.Encoding.UTF8.GetString(Open311Document.ToXml("service_requests", body)));
    }
}
