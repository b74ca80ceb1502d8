using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;

namespace GridMap.Tools.Bench;

/// <summary>
/// A console as the benchmark sees it: a minimal SignalR client (JSON protocol over
/// <see cref="ClientWebSocket"/>) that negotiates, connects with the user's bearer token in the
/// Authorization header (the hub authenticates by header or cookie, not by an access_token
/// query parameter), answers the hub's keep-alive with its own pings, and hands every batch of
/// "positions" to a callback with the moment its last byte arrived.
/// </summary>
public sealed class SignalRConsoleClient : IAsyncDisposable
{
    public const string PositionsTarget = "positions";
    public const string CasesTarget = "cases";
    private static readonly TimeSpan s_pingEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket;
    private readonly Action<IReadOnlyList<ReceivedPosition>, long> _onPositions;
    private readonly Action<IReadOnlyList<ReceivedCase>, long>? _onCases;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, TaskCompletionSource<HubFrame>> _pending = [];
    private readonly Lock _gate = new();
    private readonly RecordBuffer _buffer;
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;
    private int _invocations;
    private volatile bool _closing;
    private long _messages;
    private long _positions;
    private long _bytes;

    private SignalRConsoleClient(
        ClientWebSocket socket, RecordBuffer buffer, Action<IReadOnlyList<ReceivedPosition>, long> onPositions,
        Action<IReadOnlyList<ReceivedCase>, long>? onCases)
    {
        _socket = socket;
        _buffer = buffer;
        _onPositions = onPositions;
        _onCases = onCases;
    }

    public long Messages => Interlocked.Read(ref _messages);

    public long Positions => Interlocked.Read(ref _positions);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Why the connection ended early (a close message with an error, a broken socket), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Negotiates (<c>POST {hub}/negotiate?negotiateVersion=1</c>), opens the WebSocket with the
    /// connection token, and completes the handshake. <paramref name="onPositions"/> runs on the
    /// receive loop with a list that is reused afterwards, and a <see cref="Stopwatch"/> timestamp;
    /// so does <paramref name="onCases"/>, when given, for every "cases" message.
    /// </summary>
    public static async Task<SignalRConsoleClient> ConnectAsync(
        HttpClient http, string hubPath, string bearerToken,
        Action<IReadOnlyList<ReceivedPosition>, long> onPositions, CancellationToken cancellationToken,
        Action<IReadOnlyList<ReceivedCase>, long>? onCases = null)
    {
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, hubPath + "/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var answer = await http.SendAsync(negotiate, cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"negotiate answered {(int)answer.StatusCode}");
        }

        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken));
        var root = body.RootElement;
        var id = root.TryGetProperty("connectionToken", out var token) ? token.GetString() : root.GetProperty("connectionId").GetString();
        var webSockets = root.TryGetProperty("availableTransports", out var transports)
            && transports.EnumerateArray().Any(t => t.GetProperty("transport").GetString() == "WebSockets");
        if (!webSockets)
        {
            throw new InvalidOperationException("the hub does not offer WebSockets");
        }

        var baseUri = http.BaseAddress ?? throw new InvalidOperationException("the HttpClient needs a BaseAddress");
        var uri = new UriBuilder(new Uri(baseUri, hubPath))
        {
            Scheme = baseUri.Scheme == "https" ? "wss" : "ws",
            Query = "id=" + Uri.EscapeDataString(id!),
        }.Uri;

        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + bearerToken);
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR's own pings keep the connection alive
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(s_connectTimeout);
        try
        {
            await socket.ConnectAsync(uri, connecting.Token);
            await socket.SendAsync(SignalRFrames.HandshakeRequest.ToArray(), WebSocketMessageType.Text, true, connecting.Token);
            var buffer = new RecordBuffer();
            ReadOnlyMemory<byte> handshake;
            while (!buffer.TryTake(out handshake))
            {
                var result = await socket.ReceiveAsync(buffer.GetWriteMemory(4096), connecting.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException("the hub closed the connection during the handshake");
                }

                buffer.Advance(result.Count);
            }

            if (SignalRFrames.HandshakeError(handshake.Span) is { } error)
            {
                throw new InvalidOperationException("SignalR handshake refused: " + error);
            }

            // Records that arrived with the handshake stay in the buffer for the receive loop.
            var client = new SignalRConsoleClient(socket, buffer, onPositions, onCases);
            client._receiving = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
            client._pinging = Task.Run(client.PingLoopAsync, CancellationToken.None);
            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Invokes a hub method and waits for its completion; throws with the hub's error.</summary>
    public async Task InvokeAsync(string target, object?[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _invocations).ToString(CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<HubFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pending[id] = completion;
        }

        await SendAsync(SignalRFrames.Invocation(id, target, arguments), cancellationToken);
        var frame = await completion.Task.WaitAsync(timeout, cancellationToken);
        if (frame.Error is { } error)
        {
            throw new InvalidOperationException($"{target} failed: {error}");
        }
    }

    private async Task SendAsync(byte[] record, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(record, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var positions = new List<ReceivedPosition>(1024);
        var cases = new List<ReceivedCase>(64);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                // Complete records first: some may have come with the handshake.
                var arrived = Stopwatch.GetTimestamp();
                while (_buffer.TryTake(out var record))
                {
                    positions.Clear();
                    var frame = SignalRFrames.Parse(record.Span, PositionsTarget, positions);
                    Interlocked.Increment(ref _messages);
                    switch (frame.Type)
                    {
                        case HubMessageType.Invocation when frame.Target == PositionsTarget:
                            Interlocked.Add(ref _positions, positions.Count);
                            _onPositions(positions, arrived);
                            break;
                        case HubMessageType.Invocation when frame.Target == CasesTarget && _onCases is not null:
                            cases.Clear();
                            SignalRFrames.ReadCases(record.Span, cases);
                            _onCases(cases, arrived);
                            break;
                        case HubMessageType.Completion when frame.InvocationId is not null:
                            TaskCompletionSource<HubFrame>? completion;
                            lock (_gate)
                            {
                                _pending.Remove(frame.InvocationId, out completion);
                            }

                            completion?.TrySetResult(frame);
                            break;
                        case HubMessageType.Close:
                            Failure = frame.Error ?? "closed by the hub";
                            return;
                    }
                }

                var result = await _socket.ReceiveAsync(_buffer.GetWriteMemory(64 * 1024), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Failure ??= _closing ? null : "the hub closed the socket";
                    return;
                }

                _buffer.Advance(result.Count);
                Interlocked.Add(ref _bytes, result.Count);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or FormatException or JsonException or IOException)
        {
            if (!_closing)
            {
                Failure = ex.Message;
            }
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(s_pingEvery);
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SendAsync(SignalRFrames.Ping.ToArray(), _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException ex)
        {
            Failure ??= ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true; // the close handshake that follows is ours, not a failure
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_receiving, _pinging).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _sendLock.Dispose();
        _stop.Dispose();
    }
}
