using System.Text.Json.Nodes;
using ServerlessInstruct.Infra.Tests.Arm;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>
/// The pipeline* parameters of main.bicep accept what the app accepts. A default the app would reject is caught at
/// deployment: the app would otherwise fail every function that binds the options, or refuse every seed.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PipelineParameterTests(CompiledInfrastructure infrastructure)
{
    [Fact]
    public void Language_is_one_the_app_supports_or_empty()
    {
        Assert.Equal(["", .. AppSource.SupportedLanguages()], AllowedValues("pipelineLanguage"));
    }

    [Fact]
    public void Mode_is_one_the_app_supports_or_empty()
    {
        Assert.Equal(["", .. AppSource.PipelineModes()], AllowedValues("pipelineMode"));
    }

    [Fact]
    public void Judge_is_a_mode_the_app_supports_or_empty()
    {
        Assert.Equal(["", .. AppSource.JudgeModes()], AllowedValues("pipelineJudge"));
    }

    [Fact]
    public void A_chosen_judge_mode_becomes_the_setting_and_none_chosen_writes_none()
    {
        Assert.Equal("quality+safety", Setting("pipelineJudge", "quality+safety", "Pipeline__Judge").Text());
        Assert.DoesNotContain("Pipeline__Judge", infrastructure.Main().AppSettings().Select(s => s.Key));
    }

    [Fact]
    public void Dedup_scope_is_no_longer_than_a_run_id()
    {
        // RunIds.IsValid: a 40-character slug, a dash and 12 hex digits.
        Assert.Equal(53, Parameter("pipelineDedupScope")["maxLength"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("2.50")]
    [InlineData("10")]
    [InlineData("0.5")]
    [InlineData(".5")]
    public void A_budget_the_app_can_read_becomes_the_setting(string budget)
    {
        Assert.Equal(budget, Setting("pipelineBudgetUsd", budget, "Pipeline__BudgetUsd").Text());
    }

    [Theory]
    [InlineData("2,50")]
    [InlineData("$2")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("1.2.3")]
    [InlineData(".")]
    [InlineData(" 2")]
    [InlineData("two")]
    public void A_budget_that_is_not_a_decimal_number_fails_the_deployment(string budget)
    {
        AssertFails(Setting("pipelineBudgetUsd", budget, "Pipeline__BudgetUsd"), budget);
    }

    [Theory]
    [InlineData("ko-corpus")]
    [InlineData("corpus2")]
    [InlineData("a")]
    public void A_dedup_scope_that_is_a_run_id_becomes_the_setting(string scope)
    {
        Assert.Equal(scope, Setting("pipelineDedupScope", scope, "Pipeline__DedupScope").Text());
    }

    [Theory]
    [InlineData("Ko-Corpus")]
    [InlineData("-ko")]
    [InlineData("ko_corpus")]
    [InlineData("ko corpus")]
    [InlineData("한국어")]
    public void A_dedup_scope_the_app_would_refuse_fails_the_deployment(string scope)
    {
        AssertFails(Setting("pipelineDedupScope", scope, "Pipeline__DedupScope"), scope);
    }

    private static void AssertFails(JsonNode? setting, string value)
    {
        var call = Assert.IsType<ArmCall>(ArmJson.AsExpression(setting));
        Assert.True(call.Is("fail"), call.ToString());
        Assert.Contains($"'{value}'", Assert.IsType<ArmLiteral>(Assert.Single(call.Arguments)).Value.Text(), StringComparison.Ordinal);
    }

    private JsonNode? Setting(string parameter, string value, string setting) =>
        infrastructure.Main(new Dictionary<string, JsonNode?> { [parameter] = value }).AppSettings()[setting];

    private JsonObject Parameter(string name) => infrastructure.Template("main")["parameters"]![name]!.AsObject();

    private IEnumerable<string?> AllowedValues(string parameter) => Parameter(parameter)["allowedValues"]!.AsArray().Select(v => v.Text());
}
