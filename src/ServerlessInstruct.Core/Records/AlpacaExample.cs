namespace ServerlessInstruct.Core.Records;

/// <summary>An element of the Alpaca JSON export.</summary>
public sealed record AlpacaExample(string Instruction, string Input, string Output);
