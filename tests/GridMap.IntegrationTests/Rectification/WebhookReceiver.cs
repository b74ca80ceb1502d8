using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GridMap.IntegrationTests.Rectification;

/// <summary>A real HTTP endpoint on a free local port that answers 500 the first N times, then 204 (a department's webhook).</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private int _failuresLeft;

    private WebhookReceiver(HttpListener listener, string url, int failFirst)
    {
        _listener = listener;
        Url = url;
        _failuresLeft = failFirst;
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<string> Bodies { get; } = new();

    public ConcurrentQueue<string> NotificationIds { get; } = new();

    public static Task<WebhookReceiver> StartAsync(int failFirst, string path = "/hooks/housing/")
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var url = $"http://127.0.0.1:{port}{path}";
        var listener = new HttpListener();
        listener.Prefixes.Add(url);
        listener.Start();
        return Task.FromResult(new WebhookReceiver(listener, url, failFirst));
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                Bodies.Enqueue(await reader.ReadToEndAsync());
            }

            NotificationIds.Enqueue(context.Request.Headers["X-GridMap-Notification"] ?? "");
            context.Response.StatusCode = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 204;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
