using System.Text;
using GridMap.Domain.Patrol;

namespace GridMap.UnitTests.Patrol;

public sealed class PositionBatchParserTests
{
    private static PositionBatch Parse(string json, int maxItems = 100) => PositionBatchParser.Parse(Encoding.UTF8.GetBytes(json), maxItems);

    [Fact]
    public void Reads_every_field_of_an_item()
    {
        var batch = Parse(
            """
            {"positions":[{"deviceId":"gm-00017","time":"2026-01-01T00:00:00Z","lat":23.12,"lon":114.41,
                           "speed":1.4,"heading":90,"altitude":20,"accuracy":5,"battery":85}]}
            """);

        Assert.True(batch.IsValid);
        var item = Assert.Single(batch.Items);
        Assert.Null(item.Rejection);
        Assert.Equal(new PositionReport("gm-00017", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 23.12, 114.41, 1.4, 90, 20, 5, 85), item.Report);
    }

    [Fact]
    public void The_device_id_and_optional_values_may_be_left_out_and_time_may_be_a_Unix_number()
    {
        var batch = Parse("""{"positions":[{"time":1767225600000,"lat":23,"lon":114,"speed":null}]}""");

        var report = Assert.Single(batch.Items).Report!;
        Assert.Null(report.DeviceId);
        Assert.Null(report.SpeedMps);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), report.Time);
    }

    [Fact]
    public void A_bad_item_is_rejected_alone_with_its_index()
    {
        var batch = Parse(
            """
            {"positions":[
              {"time":"2026-01-01T00:00:00Z","lat":23,"lon":114},
              "oops",
              {"time":"2026-01-01T00:00:00Z","lat":"23","lon":114},
              {"lat":23,"lon":114},
              {"time":"never","lat":23,"lon":114},
              {"time":"2026-01-01T00:00:00Z","lon":114},
              {"deviceId":"no spaces","time":"2026-01-01T00:00:00Z","lat":23,"lon":114},
              {"time":"2026-01-01T00:00:00Z","lat":23,"lon":114,"battery":"full"}]}
            """);

        Assert.True(batch.IsValid);
        Assert.Equal(8, batch.Items.Count);
        Assert.NotNull(batch.Items[0].Report);
        string[] expected = ["must be an object", "lat must be a number", "time is missing", "time is not a time", "lat is missing", "deviceId:", "battery must be a number"];
        for (var i = 1; i < 8; i++)
        {
            Assert.Equal(i, batch.Items[i].Index);
            Assert.Null(batch.Items[i].Report);
            Assert.Equal(PositionRejection.MalformedCode, batch.Items[i].Rejection!.Code);
            Assert.Contains(expected[i - 1], batch.Items[i].Rejection!.Reason);
        }
    }

    [Theory]
    [InlineData("{", "body")]
    [InlineData("[]", "body")]
    [InlineData("{}", "positions")]
    [InlineData("""{"positions":{}}""", "positions")]
    public void An_unreadable_body_names_the_field(string json, string field)
    {
        var batch = Parse(json);

        Assert.False(batch.IsValid);
        Assert.Equal(field, batch.ErrorField);
    }

    [Fact]
    public void Too_many_items_are_refused_as_a_whole()
    {
        var items = string.Join(",", Enumerable.Repeat("""{"time":"2026-01-01T00:00:00Z","lat":23,"lon":114}""", 3));

        var batch = Parse($$"""{"positions":[{{items}}]}""", maxItems: 2);

        Assert.False(batch.IsValid);
        Assert.Contains("at most 2", batch.Error);
    }
}
