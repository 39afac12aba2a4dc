using System.Runtime.InteropServices;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LlmSimulator.CommandLine;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SimulatorCommandLine.Usage);
    return 0;
}

if (!SimulatorCommandLine.TryParse(args, out SimulatorOptions options, out int port, out string error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine();
    Console.Error.WriteLine(SimulatorCommandLine.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using LlmSimulatorServer server = await LlmSimulatorServer.StartAsync(options, port);
Console.WriteLine($"LLM simulator listening on {server.BaseUri} (OpenAI endpoint {server.OpenAiEndpoint}, stats {server.BaseUri}stats). Ctrl+C stops it.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
