using GridMap.Tools.Generation;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridMap.Testing;

/// <summary>Loads the demo district and its accounts exactly as `./gridmap run` does.</summary>
public static class DemoDistrictLoader
{
    public static async Task LoadAsync(string connectionString, CancellationToken cancellationToken)
    {
        var generated = await GenerateCommand.RunAsync(["--scale", "demo", "--if-empty"], connectionString, NullLoggerFactory.Instance, cancellationToken);
        if (generated != 0)
        {
            throw new InvalidOperationException($"generate --scale demo exited with {generated}");
        }

        var accounts = await DemoAccountsCommand.RunAsync([], connectionString, NullLoggerFactory.Instance, cancellationToken);
        if (accounts != 0)
        {
            throw new InvalidOperationException($"accounts exited with {accounts}");
        }

        if (await GridMap.Tools.Devices.DevicesCommand.RunAsync(["--quiet"], connectionString, NullLoggerFactory.Instance, cancellationToken) != 0)
        {
            throw new InvalidOperationException("devices failed");
        }
    }
}
