namespace ServerlessInstruct.Infra.Tests.Bicep;

/// <summary>Exit code and output of one CLI run.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>SARIF from both streams: <c>lint</c> writes it to stdout, <c>build --outdir</c> to stderr.</summary>
    public SarifReport Sarif
    {
        get
        {
            var output = SarifReport.Parse(StandardOutput);
            var error = SarifReport.Parse(StandardError);
            return new SarifReport(output.RunCount + error.RunCount, [.. output.Diagnostics, .. error.Diagnostics]);
        }
    }
}
