namespace ServerlessInstruct.Infra.Tests.Bicep;

/// <summary>One compiler or linter finding. SARIF leaves the level out for warnings.</summary>
public sealed record BicepDiagnostic(string File, int Line, string Level, string RuleId, string Message)
{
    public override string ToString() => $"{File}({Line}) {Level} {RuleId}: {Message}";
}
