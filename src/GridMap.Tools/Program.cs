using GridMap.Tools;

// Entry point of the tools that ./gridmap calls: one verb per command.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await ToolCommands.RunAsync(args, cancellation.Token);
