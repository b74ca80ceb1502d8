using System.Buffers;
using System.Text;
using System.Text.Json;

namespace GridMap.Tools.Bench;

/// <summary>SignalR hub protocol message types (JSON protocol, version 1).</summary>
public enum HubMessageType
{
    Unknown = 0,
    Invocation = 1,
    StreamItem = 2,
    Completion = 3,
    StreamInvocation = 4,
    CancelInvocation = 5,
    Ping = 6,
    Close = 7,
}

/// <summary>The envelope of one hub message; <see cref="Error"/> is set on a failed completion or a close with an error.</summary>
public readonly record struct HubFrame(HubMessageType Type, string? Target, string? InvocationId, string? Error);

/// <summary>One position as a console receives it: enough to match it with what was sent.</summary>
public readonly record struct ReceivedPosition(long OfficerId, DateTimeOffset Time);

/// <summary>One case of a "cases" message as a console receives it: enough to match it with the report.</summary>
public readonly record struct ReceivedCase(long Id, string? State);

/// <summary>
/// The JSON hub protocol of SignalR as a minimal client needs it (the .NET SignalR client does
/// not restore on the platform): records are UTF-8 JSON objects each terminated by 0x1E, the
/// first one in each direction being the handshake. Pure functions over bytes, so they are
/// unit-tested without a server.
/// </summary>
public static class SignalRFrames
{
    public const byte RecordSeparator = 0x1E;

    public static ReadOnlySpan<byte> HandshakeRequest => "{\"protocol\":\"json\",\"version\":1}\u001e"u8;

    public static ReadOnlySpan<byte> Ping => "{\"type\":6}\u001e"u8;

    /// <summary>The handshake answer's error, or null when the server accepted (<c>{}</c>).</summary>
    public static string? HandshakeError(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "the handshake answer is not a JSON object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                return reader.GetString() ?? "handshake refused";
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    /// <summary>An invocation record (type 1) with arguments serialised as JSON, terminated by 0x1E.</summary>
    public static byte[] Invocation(string? invocationId, string target, params object?[] arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("type", (int)HubMessageType.Invocation);
            if (invocationId is not null)
            {
                json.WriteString("invocationId", invocationId);
            }

            json.WriteString("target", target);
            json.WritePropertyName("arguments");
            JsonSerializer.Serialize(json, arguments);
            json.WriteEndObject();
        }

        buffer.Write([RecordSeparator]);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads the envelope of a record and, when it is an invocation of <paramref name="positionsTarget"/>,
    /// adds the (officerId, time) of every item of its first argument to <paramref name="positions"/>.
    /// Other fields of the items are skipped without being materialised.
    /// </summary>
    public static HubFrame Parse(ReadOnlySpan<byte> record, string positionsTarget, List<ReceivedPosition>? positions)
    {
        var type = HubMessageType.Unknown;
        string? target = null, invocationId = null, error = null;
        var argumentsAt = -1L;
        var reader = new Utf8JsonReader(record);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("a hub message is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = (HubMessageType)reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                target = reader.GetString();
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                invocationId = reader.GetString();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                if (positions is not null && type == HubMessageType.Invocation && target == positionsTarget)
                {
                    ReadPositions(ref reader, positions);
                }
                else
                {
                    // The server writes type and target first; remember where the arguments are in case it did not.
                    argumentsAt = reader.TokenStartIndex;
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (argumentsAt >= 0 && positions is not null && type == HubMessageType.Invocation && target == positionsTarget)
        {
            var again = new Utf8JsonReader(record[(int)argumentsAt..]);
            again.Read();
            ReadPositions(ref again, positions);
        }

        return new HubFrame(type, target, invocationId, error);
    }

    /// <summary>
    /// The (id, state) of every item of a "cases" invocation's first argument
    /// (<c>{"type":1,"target":"cases","arguments":[[{"id":42,"state":"dispatched",…}]]}</c>),
    /// wherever the arguments are in the record. Cases come a few hundred a second at most, so
    /// reading the record a second time after <see cref="Parse"/> costs nothing that matters.
    /// </summary>
    public static void ReadCases(ReadOnlySpan<byte> record, List<ReceivedCase> cases)
    {
        var reader = new Utf8JsonReader(record);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("a hub message is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new FormatException("the cases message does not carry an array of cases");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                long? id = null;
                string? state = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("id"u8))
                    {
                        reader.Read();
                        id = reader.GetInt64();
                    }
                    else if (reader.ValueTextEquals("state"u8))
                    {
                        reader.Read();
                        state = reader.GetString();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                if (id is { } value)
                {
                    cases.Add(new ReceivedCase(value, state));
                }
            }

            return;
        }
    }

    /// <summary>At the start of the arguments array: <c>[[{…},{…}]]</c>.</summary>
    private static void ReadPositions(ref Utf8JsonReader reader, List<ReceivedPosition> positions)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FormatException("the positions message does not carry an array of positions");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long? officerId = null;
            DateTimeOffset? time = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("officerId"u8))
                {
                    reader.Read();
                    officerId = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    reader.Read();
                    time = reader.GetDateTimeOffset();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (officerId is { } id && time is { } t)
            {
                positions.Add(new ReceivedPosition(id, t));
            }
        }

        // The end of the item array; further arguments (none today) are skipped.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
    }
}

/// <summary>
/// Bytes received from a WebSocket, cut into records at 0x1E. A record may span frames and a
/// frame may hold several records (the first messages often share the handshake's frame). The
/// separator never occurs inside a multi-byte UTF-8 character, so cutting bytes is safe.
/// </summary>
public sealed class RecordBuffer
{
    private byte[] _buffer;
    private int _start;
    private int _end;

    public RecordBuffer(int capacity = 64 * 1024) => _buffer = new byte[capacity];

    public int Pending => _end - _start;

    /// <summary>Room for at least <paramref name="size"/> more bytes, to receive into.</summary>
    public Memory<byte> GetWriteMemory(int size)
    {
        if (_buffer.Length - _end < size)
        {
            var pending = _end - _start;
            if (pending + size > _buffer.Length)
            {
                var grown = new byte[Math.Max(_buffer.Length * 2, pending + size)];
                _buffer.AsSpan(_start, pending).CopyTo(grown);
                _buffer = grown;
            }
            else
            {
                _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            }

            _start = 0;
            _end = pending;
        }

        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetWriteMemory(bytes.Length).Span);
        Advance(bytes.Length);
    }

    /// <summary>The next complete record (without its separator), valid until the next call on this buffer.</summary>
    public bool TryTake(out ReadOnlyMemory<byte> record)
    {
        var index = _buffer.AsSpan(_start, _end - _start).IndexOf(SignalRFrames.RecordSeparator);
        if (index < 0)
        {
            record = default;
            return false;
        }

        record = _buffer.AsMemory(_start, index);
        _start += index + 1;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        return true;
    }

    public override string ToString() => Encoding.UTF8.GetString(_buffer, _start, _end - _start);
}
