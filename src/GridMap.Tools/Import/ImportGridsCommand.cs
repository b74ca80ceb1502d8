using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Import;

internal static class ImportGridsCommand
{
    public static Task<int> RunAsync(string[] args, string connectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("ImportGridsCommand: being written in this session");
        return Task.FromResult(1);
    }
}
