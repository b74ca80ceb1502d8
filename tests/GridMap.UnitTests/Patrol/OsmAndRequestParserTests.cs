using System.Web;
using GridMap.Domain.Patrol;

namespace GridMap.UnitTests.Patrol;

public sealed class OsmAndRequestParserTests
{
    // Parameters as ASP.NET hands them over: decoded name/value pairs, query first.
    private static OsmAndRequest Parse(string query)
    {
        var values = HttpUtility.ParseQueryString(query);
        var pairs = values.AllKeys.SelectMany(k => values.GetValues(k)!.Select(v => new KeyValuePair<string, string?>(k!, v)));
        return OsmAndRequestParser.Parse(pairs);
    }

    [Fact]
    public void Reads_what_Traccar_Client_for_Android_sends()
    {
        var request = Parse("id=317046&timestamp=1767225600&lat=23.1181&lon=114.4152&speed=2.5&bearing=87.5&altitude=31.0&accuracy=8.0&batt=76.0&charge=false");

        Assert.True(request.IsValid);
        var report = request.Report!;
        Assert.Equal("317046", request.DeviceId);
        Assert.Equal("317046", report.DeviceId);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), report.Time);
        Assert.Equal(23.1181, report.Lat);
        Assert.Equal(114.4152, report.Lon);
        Assert.Equal(2.5 * 1852 / 3600, report.SpeedMps!.Value, 9);
        Assert.Equal(87.5, report.Heading);
        Assert.Equal(31.0, report.Altitude);
        Assert.Equal(8.0, report.Accuracy);
        Assert.Equal(76.0, report.Battery);
        Assert.False(report.Charging);
    }

    [Fact]
    public void Converts_knots_to_metres_per_second()
    {
        var report = Parse("id=a&lat=23&lon=114&speed=10").Report!;

        Assert.Equal(5.144444, report.SpeedMps!.Value, 6);
    }

    [Fact]
    public void Reads_the_OsmAnd_apps_form_with_deviceid_heading_and_location()
    {
        var request = Parse("deviceid=gm-00017&location=23.12%2C114.41&heading=270&hdop=0.9&cell=460,0,9520,3671");

        Assert.True(request.IsValid);
        Assert.Equal("gm-00017", request.DeviceId);
        Assert.Equal(23.12, request.Report!.Lat);
        Assert.Equal(114.41, request.Report.Lon);
        Assert.Equal(270, request.Report.Heading);
        Assert.Null(request.Report.Time);
    }

    [Theory]
    [InlineData("1767225600", "2026-01-01T00:00:00Z")]
    [InlineData("1767225600123", "2026-01-01T00:00:00.123Z")]
    [InlineData("2026-01-01T08:00:00+08:00", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00.250Z", "2026-01-01T00:00:00.25Z")]
    [InlineData("2026-01-01T00:00:00", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01 00:00:00", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01+00:00:00", "2026-01-01T00:00:00Z")] // '+' is a space in a query string
    public void Reads_every_timestamp_form_as_UTC(string timestamp, string expected)
    {
        var request = Parse($"id=a&lat=23&lon=114&timestamp={timestamp.Replace("+08", "%2B08")}");

        Assert.True(request.IsValid, request.Error?.Reason);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), request.Report!.Time);
    }

    [Fact]
    public void Empty_values_count_as_absent_and_the_first_value_wins()
    {
        var request = Parse("id=&id=phone1&lat=23.5&lat=24&lon=114&speed=&batt=");

        Assert.True(request.IsValid);
        Assert.Equal("phone1", request.DeviceId);
        Assert.Equal(23.5, request.Report!.Lat);
        Assert.Null(request.Report.SpeedMps);
        Assert.Null(request.Report.Battery);
    }

    [Fact]
    public void A_request_without_an_id_is_refused()
    {
        var request = Parse("lat=23&lon=114&timestamp=1767225600");

        Assert.False(request.IsValid);
        Assert.Null(request.DeviceId);
        Assert.Contains("device id", request.Error!.Reason);
        Assert.Equal(PositionRejection.MalformedCode, request.Error.Code);
    }

    [Theory]
    [InlineData("id=a&lat=north&lon=114", "lat is not a number")]
    [InlineData("id=a&lat=23&lon=NaN", "lon is not a number")]
    [InlineData("id=a&lat=23", "lon is missing")]
    [InlineData("id=a&timestamp=1767225600", "position is missing")]
    [InlineData("id=a&location=23.1", "location is not 'lat,lon'")]
    [InlineData("id=a&lat=23&lon=114&timestamp=yesterday", "timestamp is not a time")]
    [InlineData("id=a&lat=23&lon=114&timestamp=2026-13-45+25:00:00", "timestamp is not a time")]
    [InlineData("id=a&lat=23&lon=114&speed=fast", "speed is not a number")]
    [InlineData("id=a&lat=23&lon=114&batt=full", "batt is not a number")]
    [InlineData("id=a%20b&lat=23&lon=114", "letters, digits")]
    public void Bad_input_is_refused_naming_the_parameter(string query, string reason)
    {
        var request = Parse(query);

        Assert.False(request.IsValid);
        Assert.Contains(reason, request.Error!.Reason);
    }

    [Fact]
    public void A_device_id_of_65_characters_is_refused()
    {
        var request = Parse($"id={new string('7', 65)}&lat=23&lon=114");

        Assert.False(request.IsValid);
        Assert.Contains("64", request.Error!.Reason);
    }
}
