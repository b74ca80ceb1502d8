using System.Globalization;
using System.Text.Json;
using GridMap.Data;
using GridMap.Data.Patrol;
using GridMap.Domain.Patrol;
using GridMap.Tools.Generation;
using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Devices;

/// <summary>
/// `gridmap-tools devices [--json|--quiet]`: gives every demo officer on patrol duty (all roles
/// but building heads) a device, if it has none yet, and lists every device with its officer
/// and token. Demo devices are named gm-NNNNN after the officer id; their tokens are derived
/// from the demo password (GRIDMAP_DEMO_PASSWORD, see <see cref="DeviceTokens.DeriveDemo"/>), so
/// they can be printed again at any time. A device an administrator registered or rotated has
/// a random token that was shown once; it is listed without it.
/// </summary>
internal static class DevicesCommand
{
    public static string DemoDeviceId(long officerId) => "gm-" + officerId.ToString("D5", CultureInfo.InvariantCulture);

    public static async Task<int> RunAsync(string[] args, string connectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var json = args.Contains("--json");
        var quiet = args.Contains("--quiet");
        if (args.Any(a => a is not ("--json" or "--quiet")))
        {
            Console.Error.WriteLine("usage: devices [--json | --quiet]   (demo tokens derive from " + DemoAccountsCommand.PasswordVariable + ")");
            return 2;
        }

        var logger = loggerFactory.CreateLogger("devices");
        await using var dataSource = GridMapDataSource.Create(connectionString);
        var store = new DeviceStore(dataSource);
        var password = DemoAccountsCommand.Password;

        var officers = await store.ListDemoOfficersAsync(cancellationToken);
        var demo = officers
            .Select(id => (DeviceId: DemoDeviceId(id), OfficerId: id))
            .Select(d => (d.DeviceId, d.OfficerId, TokenHash: DeviceTokens.Hash(DeviceTokens.DeriveDemo(password, d.DeviceId))))
            .ToList();
        var added = await store.SeedAsync(demo, cancellationToken);
        if (!json)
        {
            // Logs go to stdout, which --json keeps for the JSON alone.
            logger.LogInformation("{Added} demo devices added ({Officers} officers on patrol duty)", added, officers.Count);
        }

        var devices = await store.ListAsync(cancellationToken);
        var rows = devices.Select(d =>
        {
            var derived = DeviceTokens.DeriveDemo(password, d.DeviceId);
            var token = DeviceTokens.Hash(derived).AsSpan().SequenceEqual(d.TokenHash) ? derived : null;
            return new DeviceRow(d.DeviceId, d.OfficerId, d.OfficerName, d.Role, d.GridCode, d.IsRevoked ? "revoked" : "active", token);
        }).ToList();

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
            }));
        }
        else if (!quiet)
        {
            Print(rows);
        }

        return 0;
    }

    private static void Print(IReadOnlyList<DeviceRow> rows)
    {
        Console.WriteLine($"{rows.Count} devices (demo tokens derive from {DemoAccountsCommand.PasswordVariable}; others were shown once at registration)");
        Console.WriteLine($"  {"device id",-12} {"officer",7}  {"role",-16} {"grid",-17} {"state",-7} {"token",-43}  name");
        foreach (var row in rows)
        {
            Console.WriteLine(
                $"  {row.DeviceId,-12} {row.OfficerId,7}  {row.Role ?? "-",-16} {row.GridCode ?? "-",-17} {row.State,-7} {row.Token ?? "(not shown: set by an administrator)",-43}  {row.OfficerName}");
        }
    }

    private sealed record DeviceRow(
        string DeviceId, long OfficerId, string OfficerName, string? Role, string? GridCode, string State, string? Token);
}
