namespace ServerlessInstruct.Core.Records;

/// <summary>The files a dataset can be written as.</summary>
public enum ExportFormat
{
    /// <summary><c>data.jsonl</c>: one <see cref="DatasetRecord"/> per line, provenance included.</summary>
    JsonLines,

    /// <summary>One JSON array of <c>{instruction, input, output}</c>, the layout of Alpaca's <c>alpaca_data.json</c>.</summary>
    AlpacaJson,

    /// <summary>JSONL of <c>{"messages": [...]}</c> for Azure OpenAI fine-tuning.</summary>
    ChatJsonLines,
}
