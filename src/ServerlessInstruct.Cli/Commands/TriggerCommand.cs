using System.CommandLine;
using ServerlessInstruct.LocalHost.Runs;

namespace ServerlessInstruct.Cli.Commands;

/// <summary>
/// <c>trigger</c>: for <c>func start</c> users: upload a seed file to Azurite's <c>seeds</c> container and post the
/// BlobCreated event to the local host's blob webhook, as Event Grid would in Azure.
/// </summary>
internal static class TriggerCommand
{
    public static Command Create()
    {
        var seeds = CommonOptions.ExistingFile("--seeds", "The seed file to upload.", "-s");
        seeds.Required = true;
        var host = CommonOptions.Url("--host", "The Functions host started with 'func start'.");
        host.DefaultValueFactory = _ => new Uri("http://localhost:7071/");
        var options = new Option<string[]>("--option")
        {
            Description = "A run option stored as blob metadata, e.g. --option target=500 --option language=ko.",
            HelpName = "KEY=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("trigger", "Upload a seed file to Azurite and fire the local Functions host's blob trigger.")
        {
            seeds, host, options,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in parse.GetValue(options) ?? [])
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"trigger: '{pair}' is not KEY=VALUE.");
                    return ExitCodes.Usage;
                }

                metadata[parts[0]] = parts[1];
            }

            using var http = new HttpClient();
            try
            {
                var blob = await LocalTrigger.UploadAndNotifyAsync(
                    parse.GetRequiredValue(seeds).FullName, parse.GetRequiredValue(host), metadata, http, cancellationToken);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"uploaded {blob} and posted BlobCreated to {parse.GetRequiredValue(host)}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or Azure.RequestFailedException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"trigger: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
