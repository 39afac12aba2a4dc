using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessInstruct.Functions.Hosting;
using ServerlessInstruct.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessInstruct(builder.Configuration);
if (TelemetryServices.IsEnabled(builder.Configuration))
{
    // The worker's own invocation spans, joined to the host's (host.json telemetryMode: OpenTelemetry).
    builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
}

builder.Build().Run();
