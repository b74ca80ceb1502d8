using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Generation;

internal static class GenerateCommand
{
    public static Task<int> RunAsync(string[] args, string connectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("GenerateCommand: being written in this session");
        return Task.FromResult(1);
    }
}
