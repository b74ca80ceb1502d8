using System.Text;
using System.Text.Json;
using GridMap.Tools.Bench;

namespace GridMap.UnitTests.Simulation;

public sealed class SignalRFramesTests
{
    // A "positions" batch as LiveHub sends it (System.Text.Json, camelCase, UTF-8 names, 0x1E at the end).
    private const string PositionsRecord =
        """{"type":1,"target":"positions","arguments":[[{"officerId":17,"deviceId":"gm-00017","name":"郭祥鑫","role":"grid_officer","gridCode":"44130201000101001","lat":23.1181,"lon":114.4152,"heading":87.5,"speed":1.21,"time":"2026-05-01T08:00:00.123456+00:00","state":"live","battery":76},{"officerId":230,"deviceId":"gm-00230","name":"张燕雪","role":"grid_leader","gridCode":"44130201000102","lat":23.12,"lon":114.41,"heading":null,"speed":null,"time":"2026-05-01T08:00:01+00:00","state":"stale","battery":null}]]}""";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Reads_officer_and_time_of_every_position_in_a_batch()
    {
        var positions = new List<ReceivedPosition>();
        var frame = SignalRFrames.Parse(Bytes(PositionsRecord), "positions", positions);

        Assert.Equal(HubMessageType.Invocation, frame.Type);
        Assert.Equal("positions", frame.Target);
        Assert.Equal(
            [
                new ReceivedPosition(17, new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_560)),
                new ReceivedPosition(230, new DateTimeOffset(2026, 5, 1, 8, 0, 1, TimeSpan.Zero)),
            ],
            positions);
    }

    [Fact]
    public void Reads_the_positions_also_when_the_arguments_come_before_the_target()
    {
        var reordered = """{"arguments":[[{"time":"2026-05-01T08:00:00Z","officerId":5}]],"type":1,"target":"positions"}""";
        var positions = new List<ReceivedPosition>();
        SignalRFrames.Parse(Bytes(reordered), "positions", positions);
        Assert.Equal([new ReceivedPosition(5, new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero))], positions);
    }

    [Fact]
    public void Other_messages_are_recognised_without_reading_their_arguments()
    {
        var positions = new List<ReceivedPosition>();
        var alerts = SignalRFrames.Parse(Bytes("""{"type":1,"target":"alerts","arguments":[[{"id":3,"officerId":17,"time":"2026-05-01T08:00:00Z"}]]}"""), "positions", positions);
        Assert.Equal((HubMessageType.Invocation, "alerts"), (alerts.Type, alerts.Target));
        Assert.Empty(positions);

        Assert.Equal(new HubFrame(HubMessageType.Ping, null, null, null), SignalRFrames.Parse(Bytes("""{"type":6}"""), "positions", positions));
        Assert.Equal(new HubFrame(HubMessageType.Completion, null, "1", null), SignalRFrames.Parse(Bytes("""{"type":3,"invocationId":"1","result":null}"""), "positions", positions));
        Assert.Equal(
            new HubFrame(HubMessageType.Completion, null, "2", "An unexpected error occurred invoking 'SetViewport' on the server. HubException: the viewport's minimum is greater than its maximum"),
            SignalRFrames.Parse(Bytes("""{"type":3,"invocationId":"2","error":"An unexpected error occurred invoking 'SetViewport' on the server. HubException: the viewport's minimum is greater than its maximum"}"""), "positions", positions));
        Assert.Equal(
            new HubFrame(HubMessageType.Close, null, null, "Connection closed with an error."),
            SignalRFrames.Parse(Bytes("""{"type":7,"error":"Connection closed with an error.","allowReconnect":true}"""), "positions", positions));
    }

    [Fact]
    public void Handshake_answers()
    {
        Assert.Null(SignalRFrames.HandshakeError(Bytes("{}")));
        Assert.Equal("Requested protocol 'messagepack' is not available.",
            SignalRFrames.HandshakeError(Bytes("""{"error":"Requested protocol 'messagepack' is not available."}""")));
        Assert.NotNull(SignalRFrames.HandshakeError(Bytes("[]")));
        Assert.Equal("{\"protocol\":\"json\",\"version\":1}\u001e", Encoding.UTF8.GetString(SignalRFrames.HandshakeRequest));
        Assert.Equal("{\"type\":6}\u001e", Encoding.UTF8.GetString(SignalRFrames.Ping));
    }

    [Fact]
    public void Bad_records_are_reported()
    {
        Assert.Throws<FormatException>(() => SignalRFrames.Parse(Bytes("[1]"), "positions", []));
        Assert.Throws<FormatException>(() => SignalRFrames.Parse(Bytes("""{"type":1,"target":"positions","arguments":[{"officerId":1}]}"""), "positions", []));
        Assert.ThrowsAny<JsonException>(() => SignalRFrames.Parse(Bytes("""{"type":1,"target":"positions","arguments":[[{"officerId":1"""), "positions", []));
    }

    [Fact]
    public void An_invocation_is_one_JSON_record_with_its_separator()
    {
        var record = SignalRFrames.Invocation("7", "SetViewport", 114.36, 23.1, 114.44, 23.16);
        Assert.Equal(SignalRFrames.RecordSeparator, record[^1]);
        using var json = JsonDocument.Parse(record.AsMemory(0, record.Length - 1));
        Assert.Equal(1, json.RootElement.GetProperty("type").GetInt32());
        Assert.Equal("7", json.RootElement.GetProperty("invocationId").GetString());
        Assert.Equal("SetViewport", json.RootElement.GetProperty("target").GetString());
        Assert.Equal([114.36, 23.1, 114.44, 23.16], json.RootElement.GetProperty("arguments").EnumerateArray().Select(a => a.GetDouble()));

        var noId = Encoding.UTF8.GetString(SignalRFrames.Invocation(null, "Hello"));
        Assert.Equal("{\"type\":1,\"target\":\"Hello\",\"arguments\":[]}\u001e", noId);
    }

    [Fact]
    public void Records_are_cut_at_the_separator_across_and_within_frames()
    {
        var buffer = new RecordBuffer(capacity: 16);
        var stream = Bytes("{}\u001e" + PositionsRecord + "\u001e{\"type\":6}\u001e{\"type\"");
        // Frames of 7 bytes: cut through records and through the multi-byte characters of the names.
        var records = new List<string>();
        for (var at = 0; at < stream.Length; at += 7)
        {
            buffer.Append(stream.AsSpan(at, Math.Min(7, stream.Length - at)));
            while (buffer.TryTake(out var record))
            {
                records.Add(Encoding.UTF8.GetString(record.Span));
            }
        }

        Assert.Equal(["{}", PositionsRecord, "{\"type\":6}"], records);
        Assert.Equal("{\"type\"", buffer.ToString());
        Assert.Equal(7, buffer.Pending);
    }

    [Fact]
    public void Several_records_in_one_frame_come_out_one_by_one()
    {
        var buffer = new RecordBuffer();
        var memory = buffer.GetWriteMemory(64);
        var frame = Bytes("{}\u001e{\"type\":6}\u001e");
        frame.CopyTo(memory);
        buffer.Advance(frame.Length);

        Assert.True(buffer.TryTake(out var first));
        Assert.Equal("{}", Encoding.UTF8.GetString(first.Span));
        Assert.True(buffer.TryTake(out var second));
        Assert.Equal("{\"type\":6}", Encoding.UTF8.GetString(second.Span));
        Assert.False(buffer.TryTake(out _));
        Assert.Equal(0, buffer.Pending);
    }
}
