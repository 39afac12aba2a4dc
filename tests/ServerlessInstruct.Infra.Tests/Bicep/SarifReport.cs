using System.Text;
using System.Text.Json;

namespace ServerlessInstruct.Infra.Tests.Bicep;

/// <summary>
/// What <c>bicep build|lint --diagnostics-format sarif</c> printed. With <c>--pattern</c> the CLI writes one
/// SARIF document per input file, back to back, so the run count says how many files were checked.
/// </summary>
public sealed record SarifReport(int RunCount, IReadOnlyList<BicepDiagnostic> Diagnostics)
{
    public static SarifReport Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SarifReport(0, []);
        }

        var runs = 0;
        var diagnostics = new List<BicepDiagnostic>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                runs++;
                diagnostics.AddRange(run.TryGetProperty("results", out var results) ? results.EnumerateArray().Select(ToDiagnostic) : []);
            }
        }

        return new SarifReport(runs, diagnostics);
    }

    private static BicepDiagnostic ToDiagnostic(JsonElement result)
    {
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        return new BicepDiagnostic(
            File: new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath,
            Line: location.GetProperty("region").GetProperty("startLine").GetInt32(),
            Level: result.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
            RuleId: result.GetProperty("ruleId").GetString()!,
            Message: result.GetProperty("message").GetProperty("text").GetString()!);
    }
}
