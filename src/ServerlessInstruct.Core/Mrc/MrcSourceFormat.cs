namespace ServerlessInstruct.Core.Mrc;

/// <summary>The shape of a reading-comprehension file, recognised from its content.</summary>
public enum MrcSourceFormat
{
    /// <summary>SQuAD v1.1 / v2.0 and KorQuAD 1.0: one JSON object <c>{data: [{title, paragraphs: [{context, qas: [...]}]}]}</c>.</summary>
    SquadJson,

    /// <summary>One question per line: <c>{id, title, context, question, answers: {text: [...], answer_start: [...]}}</c>, as the Hugging Face datasets export them.</summary>
    JsonLines,
}
