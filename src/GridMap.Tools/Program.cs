namespace GridMap.Tools;

/// <summary>Entry point of the tools that ./gridmap calls: one verb per command.</summary>
internal static class ToolsEntryPoint
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        return await ToolCommands.RunAsync(args, cancellation.Token);
    }
}
