using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.TestHost;

namespace GridMap.IntegrationTests.Live;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a raw WebSocket (the .NET SignalR
/// client does not restore on the platform): handshake <c>{"protocol":"json","version":1}\x1e</c>,
/// then records separated by 0x1E. It skips negotiation, which SignalR allows for WebSockets.
/// </summary>
internal sealed class SignalRTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<HubMessage> _messages = Channel.CreateUnbounded<HubMessage>();
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly Lock _gate = new();
    private readonly Task _receiving;
    private int _invocationId;

    private SignalRTestClient(WebSocket socket, List<byte> received)
    {
        _socket = socket;
        _receiving = Task.Run(() => ReceiveLoopAsync(received));
    }

    public sealed record HubMessage(string Target, JsonElement Arguments, DateTimeOffset ReceivedAt);

    public static async Task<SignalRTestClient> ConnectAsync(TestServer server, string path, string? bearerToken, CancellationToken cancellationToken)
    {
        var client = server.CreateWebSocketClient();
        if (bearerToken is not null)
        {
            client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {bearerToken}";
        }

        var uri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = path }.Uri;
        var socket = await client.ConnectAsync(uri, cancellationToken);
        await SendRawAsync(socket, "{\"protocol\":\"json\",\"version\":1}" + RecordSeparator, cancellationToken);
        // The first messages may arrive in the same frame as the handshake answer: keep the rest.
        var received = new List<byte>();
        var handshake = await ReceiveRecordAsync(socket, received, cancellationToken);
        if (handshake is null || handshake.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"SignalR handshake failed: {handshake}");
        }

        return new SignalRTestClient(socket, received);
    }

    /// <summary>Invokes a hub method and waits for its completion; throws with the hub's error message.</summary>
    public async Task InvokeAsync(string target, object?[] arguments, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending[id] = completion;
        }

        var message = JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments });
        await SendRawAsync(_socket, message + RecordSeparator, cancellationToken);
        var result = await completion.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        if (result.TryGetProperty("error", out var error))
        {
            throw new HubInvocationException(error.GetString() ?? "");
        }
    }

    /// <summary>Every message of <paramref name="target"/> that arrives within <paramref name="window"/>.</summary>
    public async Task<List<HubMessage>> CollectAsync(string target, TimeSpan window, CancellationToken cancellationToken)
    {
        var found = new List<HubMessage>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(window);
        try
        {
            while (await _messages.Reader.WaitToReadAsync(timeout.Token))
            {
                while (_messages.Reader.TryRead(out var message))
                {
                    if (message.Target == target)
                    {
                        found.Add(message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return found;
    }

    /// <summary>Waits until a message of <paramref name="target"/> has an item that matches; the items of all messages seen are returned.</summary>
    public async Task<JsonElement?> WaitForItemAsync(string target, Func<JsonElement, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (await _messages.Reader.WaitToReadAsync(cts.Token))
            {
                while (_messages.Reader.TryRead(out var message))
                {
                    if (message.Target != target)
                    {
                        continue;
                    }

                    foreach (var item in message.Arguments[0].EnumerateArray())
                    {
                        if (match(item))
                        {
                            return item.Clone();
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return null;
    }

    /// <summary>Forgets what has arrived so far.</summary>
    public void Drain()
    {
        while (_messages.Reader.TryRead(out _))
        {
        }
    }

    private async Task ReceiveLoopAsync(List<byte> buffer)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var record = await ReceiveRecordAsync(_socket, buffer, _stop.Token);
                if (record is null)
                {
                    break;
                }

                using var document = JsonDocument.Parse(record);
                var root = document.RootElement;
                switch (root.GetProperty("type").GetInt32())
                {
                    case 1:
                        _messages.Writer.TryWrite(new HubMessage(
                            root.GetProperty("target").GetString()!, root.GetProperty("arguments").Clone(), DateTimeOffset.UtcNow));
                        break;
                    case 3:
                        var id = root.GetProperty("invocationId").GetString()!;
                        TaskCompletionSource<JsonElement>? completion;
                        lock (_gate)
                        {
                            _pending.Remove(id, out completion);
                        }

                        completion?.TrySetResult(root.Clone());
                        break;
                    case 7:
                        return;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    // Records are split on the 0x1E byte, which never occurs inside a multi-byte UTF-8 character,
    // so a frame that ends mid-character is decoded only once its record is complete.
    private static async Task<string?> ReceiveRecordAsync(WebSocket socket, List<byte> pending, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var end = pending.IndexOf(0x1e);
            if (end >= 0)
            {
                var record = Encoding.UTF8.GetString(pending.GetRange(0, end).ToArray());
                pending.RemoveRange(0, end + 1);
                return record;
            }

            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            pending.AddRange(buffer.AsSpan(0, result.Count).ToArray());
        }
    }

    private static Task SendRawAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }

        try
        {
            await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}

internal sealed class HubInvocationException(string message) : Exception(message);
