using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServerlessInstruct.Functions.Hosting;
using ServerlessInstruct.Functions.Llm;

namespace ServerlessInstruct.Functions.Telemetry;

/// <summary>
/// OpenTelemetry to Application Insights, on when <see cref="ConnectionSetting"/> is set (Bicep sets it in Azure) and
/// off otherwise, so local runs change nothing. OpenTelemetry rather than the Application Insights SDK: one set of
/// instruments serves the Functions host and the local engine alike, and the Azure Monitor exporter authenticates with
/// the app's managed identity, as the Entra-only ingestion of the deployment requires.
/// </summary>
public static class TelemetryServices
{
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD;ClientId=...</c>: ingestion with the user-assigned identity's token.</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public const string ServiceName = "serverless-instruct";

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[ConnectionSetting]);

    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }

        // Every log line written under an activity's span carries the span's tags and baggage: the run id among them.
        services.Configure<LoggerFactoryOptions>(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId
            | ActivityTrackingOptions.Tags | ActivityTrackingOptions.Baggage);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource(RunTelemetry.SourceName))
            .WithMetrics(metrics => metrics.AddMeter(LlmMetrics.MeterName))
            .WithLogging(_ => { }, logging => logging.IncludeScopes = true)
            .UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = configuration[ConnectionSetting];
                if (Identity(configuration[AuthenticationSetting]) is { } identity)
                {
                    exporter.Credential = AzureCredentials.Create(identity.ClientId);
                }
            });
        return services;
    }

    /// <summary>Reads <c>Authorization=AAD;ClientId=...</c>; null when ingestion takes the connection string alone.</summary>
    public static AadIngestion? Identity(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("Authorization", out var kind) && kind.Equals("AAD", StringComparison.OrdinalIgnoreCase)
            ? new AadIngestion(parts.GetValueOrDefault("ClientId"))
            : null;
    }
}

/// <summary>Telemetry ingestion with an Entra token: the user-assigned identity's client id, or null for the default credential.</summary>
public sealed record AadIngestion(string? ClientId);
