using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Patrol;

/// <summary>
/// The dedicated OsmAnd port (5055 by default, as Traccar uses): an extra address for Kestrel and,
/// in front of the whole pipeline, a branch that answers every request arriving on that port
/// with <see cref="OsmAndEndpoint"/> — any path, any method, no sign-in, no pages. It is added
/// to the server's addresses after the configured URLs were read, so the main URLs stay as they
/// are. When the port is taken (another GridMap running), the console still starts, with a
/// warning, and OsmAnd stays available at /osmand on the main port.
/// </summary>
internal sealed class OsmAndPortStartupFilter(IOptions<PatrolOptions> options, ILogger<OsmAndPortStartupFilter> logger) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (ResolvePort(options.Value) is { } port && TryAddAddress(app, port))
        {
            app.MapWhen(context => context.Connection.LocalPort == port, branch => branch.Run(OsmAndEndpoint.HandleAsync));
        }

        next(app);
    };

    /// <summary>
    /// The configured port; unset means 5055 when GridMap.Web is the process's own program and
    /// none when something else hosts it (the tests' WebApplicationFactory), so test hosts do
    /// not fight over one port.
    /// </summary>
    internal static int? ResolvePort(PatrolOptions options)
    {
        var port = options.OsmAndPort
            ?? (Assembly.GetEntryAssembly() == typeof(OsmAndPortStartupFilter).Assembly ? PatrolOptions.DefaultOsmAndPort : 0);
        return port > 0 ? port : null;
    }

    private bool TryAddAddress(IApplicationBuilder app, int port)
    {
        var addresses = app.ServerFeatures.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.IsReadOnly)
        {
            logger.LogInformation("The server takes no extra address; OsmAnd is served at /osmand only");
            return false;
        }

        if (addresses.Any(a => BindingAddress.Parse(a).Port == port))
        {
            logger.LogWarning("The OsmAnd port {Port} is also a main port; OsmAnd is served at /osmand only", port);
            return false;
        }

        var bind = options.Value.OsmAndBindAddress;
        if (!IsFree(bind, port))
        {
            logger.LogWarning("The OsmAnd port {Port} is in use; OsmAnd is served at /osmand on the main port only", port);
            return false;
        }

        if (addresses.Count == 0)
        {
            // With no configured URL Kestrel would listen on its default; keep it.
            addresses.Add("http://localhost:5000");
        }

        addresses.Add($"http://{(bind.Contains(':') ? $"[{bind}]" : bind)}:{port}");
        logger.LogInformation("OsmAnd clients (Traccar Client) may also report to http://{Bind}:{Port}/", bind, port);
        return true;
    }

    private static bool IsFree(string bind, int port)
    {
        var address = IPAddress.TryParse(bind, out var parsed) ? parsed : IPAddress.Any;
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
