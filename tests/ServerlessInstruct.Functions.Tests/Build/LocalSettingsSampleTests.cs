using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Hosting;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Tests.Build;

/// <summary>
/// <c>local.settings.sample.json</c> is what users copy for <c>func start</c>: it must name every setting the app
/// binds, and its values must bind as they stand.
/// </summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly Dictionary<string, string?> Values = ReadValues();

    public static TheoryData<string> Settings => new(
        new[] { (LlmOptions.SectionName, typeof(LlmOptions)), (PipelineOptions.SectionName, typeof(PipelineOptions)) }
            .SelectMany(section => section.Item2.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => $"{section.Item1}__{p.Name}")));

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_bound_setting_is_in_the_sample(string setting) => Assert.True(Values.ContainsKey(setting), $"{setting} is missing");

    [Fact]
    public void The_sample_binds_as_it_stands()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Values.ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => v.Value))
            .Build();
        using var services = new ServiceCollection().AddServerlessInstruct(configuration).BuildServiceProvider();

        var llm = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        var pipeline = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        var pricing = services.GetRequiredService<IOptions<PricingOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:5080/v1"), llm.Endpoint);
        Assert.Null(llm.TokensPerMinute);
        Assert.Equal(TimeSpan.FromMinutes(5), llm.MaxThrottleWait);
        Assert.Null(pipeline.BudgetUsd);
        Assert.Null(pipeline.DedupScope is "" ? null : pipeline.DedupScope);
        Assert.Equal(0m, pricing.Models["simulator"].InputPerMillion);
        Assert.Equal("dotnet-isolated", Values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", Values["AzureWebJobsStorage"]);
    }

    private static Dictionary<string, string?> ReadValues()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
    }
}
