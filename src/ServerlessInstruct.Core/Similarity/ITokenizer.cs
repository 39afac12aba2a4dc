namespace ServerlessInstruct.Core.Similarity;

/// <summary>Splits text into the tokens ROUGE-L compares.</summary>
public interface ITokenizer
{
    string[] Tokenize(string text);
}
