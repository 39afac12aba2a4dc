namespace ServerlessInstruct.LlmSimulator.Protocol;

/// <summary>Which service a route imitates; error bodies and a few response fields differ between them.</summary>
internal enum ApiFlavor
{
    OpenAi,
    Azure,
}
