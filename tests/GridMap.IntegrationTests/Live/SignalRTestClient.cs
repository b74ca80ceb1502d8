using System.Text.Json;
using System.Threading.Channels;
using GridMap.Web.Rectification;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace GridMap.IntegrationTests.Live;

/// <summary>
/// A console for the tests: the .NET SignalR client over the in-memory test server's WebSocket
/// (negotiation skipped, bearer token in the Authorization header), recording every message the
/// live hub sends with the moment it arrived, so tests can wait for or collect them.
/// </summary>
internal sealed class SignalRTestClient : IAsyncDisposable
{
    /// <summary>Every message the live hub sends: each carries one argument, an array of items.</summary>
    private static readonly string[] s_targets = ["positions", "alerts", "states", "cases", ReinspectionWatcher.MessageName];

    private readonly HubConnection _connection;
    private readonly Channel<HubMessage> _messages = Channel.CreateUnbounded<HubMessage>();

    private SignalRTestClient(HubConnection connection)
    {
        _connection = connection;
        foreach (var target in s_targets)
        {
            connection.On<JsonElement>(target, items => _messages.Writer.TryWrite(new HubMessage(target, items, DateTimeOffset.UtcNow)));
        }

        connection.Closed += _ =>
        {
            _messages.Writer.TryComplete();
            return Task.CompletedTask;
        };
    }

    /// <summary>One message: its target and its items (the message's only argument).</summary>
    public sealed record HubMessage(string Target, JsonElement Items, DateTimeOffset ReceivedAt);

    public static async Task<SignalRTestClient> ConnectAsync(TestServer server, string path, string? bearerToken, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, path), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.WebSocketFactory = (context, ct) =>
                {
                    var client = server.CreateWebSocketClient();
                    if (bearerToken is not null)
                    {
                        client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {bearerToken}";
                    }

                    return new ValueTask<System.Net.WebSockets.WebSocket>(client.ConnectAsync(context.Uri, ct));
                };
            })
            .Build();
        var console = new SignalRTestClient(connection);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return console;
    }

    /// <summary>Invokes a hub method and waits for its completion; the hub's error comes as a <see cref="HubException"/>.</summary>
    public Task InvokeAsync(string target, object?[] arguments, CancellationToken cancellationToken) =>
        _connection.InvokeCoreAsync(target, arguments, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

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

    /// <summary>Waits until a message of <paramref name="target"/> has an item that matches, and returns that item.</summary>
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

                    foreach (var item in message.Items.EnumerateArray())
                    {
                        if (match(item))
                        {
                            return item;
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

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
