namespace ServerlessInstruct.Core.Similarity;

/// <summary>ROUGE-L precision, recall and F1, as <c>rouge_score</c> reports them.</summary>
public readonly record struct RougeScore(double Precision, double Recall, double F);
