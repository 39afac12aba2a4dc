using System.Text.Json;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Similarity;

/// <summary>Values computed by the reference rouge_score package, reproduced.</summary>
public sealed class RougeReferenceVectorTests
{
    private const double Tolerance = 1e-9;

    [SharedDataFact("rouge_l_vectors.jsonl")]
    public void Every_reference_pair_scores_as_rouge_score_does()
    {
        var tokenizer = Tokenizers.For(TokenizerKind.Rouge);
        var failures = new List<string>();
        int pairs = 0;
        foreach (string line in File.ReadLines(SharedData.PathOf("rouge_l_vectors.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string target = root.GetProperty("target").GetString()!;
            string prediction = root.GetProperty("prediction").GetString()!;
            var expected = new RougeScore(
                root.GetProperty("precision").GetDouble(),
                root.GetProperty("recall").GetDouble(),
                root.GetProperty("fmeasure").GetDouble());

            RougeScore actual = RougeL.Score(target, prediction, tokenizer);
            pairs++;
            if (Math.Abs(actual.Precision - expected.Precision) > Tolerance
                || Math.Abs(actual.Recall - expected.Recall) > Tolerance
                || Math.Abs(actual.F - expected.F) > Tolerance)
            {
                failures.Add($"[{target}] vs [{prediction}]: expected {expected}, got {actual}");
            }
        }

        Assert.Equal(611, pairs);
        Assert.Empty(failures);
    }

    [SharedDataFact("rouge_tokenizer_vectors.jsonl")]
    public void Every_reference_tokenization_is_reproduced()
    {
        var tokenizer = Tokenizers.For(TokenizerKind.Rouge);
        int cases = 0;
        foreach (string line in File.ReadLines(SharedData.PathOf("rouge_tokenizer_vectors.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            string text = json.RootElement.GetProperty("text").GetString()!;
            string[] expected = [.. json.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)];

            Assert.Equal(expected, tokenizer.Tokenize(text));
            cases++;
        }

        Assert.Equal(7, cases);
    }
}
