using System.Text;
using GridMap.Domain.Patrol;

namespace GridMap.UnitTests.Patrol;

public sealed class TraccarJsonParserTests
{
    private static TraccarJsonRequest Parse(string json) => TraccarJsonParser.Parse(Encoding.UTF8.GetBytes(json));

    // As Traccar Client 9 posts it (the background-geolocation location object plus device_id).
    private const string Sample =
        """
        {"location":{"event":"motionchange","is_moving":true,"uuid":"5e1d6a38-9e5c-4d0e-9f1c-2f5e1a0b6c11",
          "timestamp":"2026-01-01T00:00:00.500Z","odometer":1204.5,
          "coords":{"latitude":23.1181,"longitude":114.4152,"accuracy":4.8,"speed":1.35,"speed_accuracy":0.5,
                    "heading":182.3,"heading_accuracy":10,"altitude":29.9,"altitude_accuracy":3,"ellipsoidal_altitude":29.9},
          "activity":{"type":"on_foot","confidence":90},
          "battery":{"is_charging":false,"level":0.85},
          "extras":{}},
         "device_id":"317046"}
        """;

    [Fact]
    public void Reads_a_Traccar_Client_9_location()
    {
        var request = Parse(Sample);

        Assert.True(request.IsValid, request.Error?.Reason);
        Assert.Equal("317046", request.DeviceId);
        var report = Assert.Single(request.Reports);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 500, TimeSpan.Zero), report.Time);
        Assert.Equal(23.1181, report.Lat);
        Assert.Equal(114.4152, report.Lon);
        Assert.Equal(1.35, report.SpeedMps); // metres per second already, unlike the query form's knots
        Assert.Equal(182.3, report.Heading);
        Assert.Equal(29.9, report.Altitude);
        Assert.Equal(4.8, report.Accuracy);
        Assert.Equal(85, report.Battery);
        Assert.False(report.Charging);
    }

    [Fact]
    public void Minus_one_means_unknown()
    {
        var request = Parse(
            """
            {"device_id":"a","location":{"timestamp":"2026-01-01T00:00:00Z",
             "coords":{"latitude":23,"longitude":114,"speed":-1,"heading":-1,"accuracy":-1,"altitude":0},
             "battery":{"level":-1,"is_charging":true}}}
            """);

        var report = Assert.Single(request.Reports);
        Assert.Null(report.SpeedMps);
        Assert.Null(report.Heading);
        Assert.Null(report.Accuracy);
        Assert.Null(report.Battery);
        Assert.True(report.Charging);
    }

    [Fact]
    public void Reads_an_array_of_locations_and_a_numeric_device_id()
    {
        var request = Parse(
            """
            {"device_id":317046,"location":[
              {"timestamp":"2026-01-01T00:00:00Z","coords":{"latitude":23,"longitude":114}},
              {"timestamp":"2026-01-01T00:00:05Z","coords":{"latitude":23.0001,"longitude":114}}]}
            """);

        Assert.True(request.IsValid);
        Assert.Equal("317046", request.DeviceId);
        Assert.Equal(2, request.Reports.Count);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("""{"location":{}}""", "device_id is missing")]
    [InlineData("""{"device_id":"a"}""", "location is missing")]
    [InlineData("""{"device_id":"a","location":{"coords":{"latitude":1,"longitude":2}}}""", "location.timestamp is missing")]
    [InlineData("""{"device_id":"a","location":{"timestamp":"soon","coords":{"latitude":1,"longitude":2}}}""", "location.timestamp is not a time")]
    [InlineData("""{"device_id":"a","location":{"timestamp":"2026-01-01T00:00:00Z"}}""", "location.coords is missing")]
    [InlineData("""{"device_id":"a","location":{"timestamp":"2026-01-01T00:00:00Z","coords":{"latitude":"23","longitude":2}}}""", "location.coords.latitude must be a number")]
    [InlineData("""{"device_id":"a","location":[{"timestamp":"2026-01-01T00:00:00Z","coords":{"latitude":1,"longitude":2}},{"timestamp":"2026-01-01T00:00:00Z","coords":{"latitude":1}}]}""", "location[1].coords.longitude is missing")]
    [InlineData("""{"device_id":"a b","location":{}}""", "letters, digits")]
    public void Bad_bodies_are_refused_naming_the_field(string json, string reason)
    {
        var request = Parse(json);

        Assert.False(request.IsValid);
        Assert.Empty(request.Reports);
        Assert.Contains(reason, request.Error!.Reason);
    }
}
