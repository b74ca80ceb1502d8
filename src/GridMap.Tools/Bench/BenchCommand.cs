using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Bench;

internal static class BenchCommand
{
    public static Task<int> RunAsync(string[] args, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("bench: being written in this session");
        return Task.FromResult(1);
    }
}
