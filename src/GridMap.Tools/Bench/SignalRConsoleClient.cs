using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridMap.Tools.Bench;

/// <summary>One position as a console receives it: enough to match it with what was sent.</summary>
public readonly record struct ReceivedPosition(long OfficerId, DateTimeOffset Time);

/// <summary>One case of a "cases" message as a console receives it: enough to match it with the report.</summary>
public readonly record struct ReceivedCase(long Id, string? State);

/// <summary>
/// A console as the benchmarks see it: the .NET SignalR client on WebSockets (negotiation
/// skipped, as the browser console's transport is WebSockets too) with the user's bearer token
/// in the Authorization header (the hub authenticates by header or cookie, not by an
/// access_token query parameter). Every "positions" and "cases" message goes to a callback
/// with the <see cref="Stopwatch"/> timestamp of its arrival; the client runs the callbacks of
/// one connection one at a time, so a callback's own state needs no lock.
/// </summary>
public sealed class SignalRConsoleClient : IAsyncDisposable
{
    public const string PositionsTarget = "positions";
    public const string CasesTarget = "cases";
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(15);

    private readonly HubConnection _connection;
    private volatile bool _closing;

    private SignalRConsoleClient(HubConnection connection) => _connection = connection;

    /// <summary>Why the connection ended early (the hub closed it, with or without an error), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Connects to the hub at <paramref name="hubUrl"/> and completes the handshake.
    /// <paramref name="configure"/> may replace the transport (tests run against an in-memory server).
    /// </summary>
    public static async Task<SignalRConsoleClient> ConnectAsync(
        Uri hubUrl, string bearerToken,
        Action<IReadOnlyList<ReceivedPosition>, long> onPositions, CancellationToken cancellationToken,
        Action<IReadOnlyList<ReceivedCase>, long>? onCases = null,
        Action<HttpConnectionOptions>? configure = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(bearerToken);
                configure?.Invoke(options);
            })
            .Build();
        connection.On<ReceivedPosition[]>(PositionsTarget, positions => onPositions(positions, Stopwatch.GetTimestamp()));
        if (onCases is not null)
        {
            connection.On<ReceivedCase[]>(CasesTarget, cases => onCases(cases, Stopwatch.GetTimestamp()));
        }

        var client = new SignalRConsoleClient(connection);
        connection.Closed += error =>
        {
            if (!client._closing)
            {
                client.Failure = error?.Message ?? "closed by the hub";
            }

            return Task.CompletedTask;
        };

        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(s_connectTimeout);
        try
        {
            await connection.StartAsync(connecting.Token);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return client;
    }

    /// <summary>Invokes a hub method and waits for its completion; throws the hub's error as a <see cref="HubException"/>.</summary>
    public Task InvokeAsync(string target, object?[] arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        _connection.InvokeCoreAsync(target, arguments, cancellationToken).WaitAsync(timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _closing = true; // the close that follows is ours, not a failure
        await _connection.DisposeAsync();
    }
}
