using System.Web;
using GridMap.Domain.Patrol;
using GridMap.Tools.Simulation;

namespace GridMap.UnitTests.Simulation;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void Defaults_and_every_flag()
    {
        var (defaults, error) = SimulationOptions.Parse([], null);
        Assert.Null(error);
        Assert.Equal(new SimulationOptions(), defaults);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), defaults!.Url);

        var (options, _) = SimulationOptions.Parse(
            ["--officers", "40", "--interval", "2.5", "--url", "http://127.0.0.1:5077", "--osmand-share", "0.5",
             "--stray-share", "0.1", "--seed", "9", "--duration", "30", "--concurrency", "4"], null);
        Assert.Equal(
            new SimulationOptions
            {
                Officers = 40, Interval = TimeSpan.FromSeconds(2.5), Url = new Uri("http://127.0.0.1:5077"), OsmAndShare = 0.5,
                StrayShare = 0.1, Seed = 9, Duration = TimeSpan.FromSeconds(30), Concurrency = 4,
            },
            options);
    }

    [Theory]
    [InlineData("--officers", "0", "--officers must be a whole number")]
    [InlineData("--officers", "many", "--officers must be a whole number")]
    [InlineData("--interval", "0.5", "--interval must be a number from 1")]
    [InlineData("--osmand-share", "1.5", "--osmand-share must be a number from 0 to 1")]
    [InlineData("--stray-share", "-0.1", "--stray-share must be a number from 0 to 1")]
    [InlineData("--url", "ftp://x", "--url must be an absolute http(s) URL")]
    [InlineData("--speed", "3", "unknown option '--speed'")]
    public void A_bad_value_names_its_flag(string flag, string value, string message)
    {
        var (options, error) = SimulationOptions.Parse([flag, value], null);
        Assert.Null(options);
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void A_flag_without_its_value_is_named()
    {
        Assert.Equal("--interval needs a value", SimulationOptions.Parse(["--officers", "3", "--interval"], null).Error);
        Assert.StartsWith("unexpected argument 'x'", SimulationOptions.Parse(["x"], null).Error);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:5000/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://0.0.0.0:5000;https://0.0.0.0:5001", "http://127.0.0.1:5000/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://console.example:5000/gridmap", "http://console.example:5000/gridmap")]
    public void The_console_url_defaults_to_the_first_of_GRIDMAP_URLS(string? urls, string expected)
    {
        Assert.Equal(new Uri(expected), SimulationOptions.DefaultUrl(urls));
    }

    [Fact]
    public void OsmAnd_reports_read_back_as_the_fix_with_speed_in_knots()
    {
        var fix = new WalkerFix(0, 0, Lon: 114.4152345, Lat: 23.1181234, SpeedMps: 1.2, Heading: 87.46, Battery: 76.4, IsStopped: false, IsOutside: false);
        var time = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var query = PositionReporter.OsmAndQuery("gm-00017", fix, time);

        Assert.StartsWith("osmand?id=gm-00017&timestamp=1777622400&", query);
        var values = HttpUtility.ParseQueryString(query["osmand?".Length..]);
        var request = OsmAndRequestParser.Parse(values.AllKeys.Select(k => new KeyValuePair<string, string?>(k!, values[k])));
        Assert.True(request.IsValid);
        var report = request.Report!;
        Assert.Equal("gm-00017", report.DeviceId);
        Assert.Equal(time, report.Time);
        Assert.Equal(23.1181234, report.Lat);
        Assert.Equal(114.4152345, report.Lon);
        Assert.Equal(1.2, report.SpeedMps!.Value, 2);
        Assert.Equal(87.5, report.Heading);
        Assert.Equal(76, report.Battery);
    }

    [Fact]
    public void Batch_reports_read_back_as_the_fix()
    {
        var fix = new WalkerFix(0, 0, Lon: 114.4152345, Lat: 23.1181234, SpeedMps: 1.234, Heading: 270, Battery: 60, IsStopped: false, IsOutside: false);
        var time = new DateTimeOffset(2026, 5, 1, 8, 0, 0, 250, TimeSpan.Zero);
        var batch = PositionBatchParser.Parse(PositionReporter.BatchBody("gm-00017", fix, time), 1000);

        Assert.True(batch.IsValid);
        var report = Assert.Single(batch.Items).Report!;
        Assert.Equal("gm-00017", report.DeviceId);
        Assert.Equal(time, report.Time);
        Assert.Equal((23.1181234, 114.4152345, 1.23, 270.0, 60.0), (report.Lat, report.Lon, report.SpeedMps!.Value, report.Heading!.Value, report.Battery!.Value));
    }
}
