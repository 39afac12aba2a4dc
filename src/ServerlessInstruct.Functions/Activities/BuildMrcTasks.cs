using System.Runtime.CompilerServices;
using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// mrc mode for one batch of span-checked questions (docs/method.md#mrc-mode): a candidate per question and answer
/// style, the passage as input. <c>span</c> and <c>choice</c> need no LLM; <c>sentence</c> answers come from one call
/// for the batch and are kept only when they keep the span (else <c>unfaithful-answer</c>). Unanswerable questions
/// get the run language's "the passage does not say" in every style. Writes nothing.
/// </summary>
public sealed class BuildMrcTasks(SeedStore seeds, ILlmClient llm) : IPipelineActivity<SourceBatchInput, GeneratedCandidates>
{
    private static readonly ConditionalWeakTable<MrcSource, ILookup<int, MrcQuestion>> ArticleIndexes = [];

    [Function(nameof(BuildMrcTasks))]
    public Task<GeneratedCandidates> Run([ActivityTrigger] SourceBatchInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<GeneratedCandidates> RunAsync(SourceBatchInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(BuildMrcTasks), input.Request.RunId, input.Round);
        var request = input.Request;
        var options = request.Options;
        var language = LanguageProfile.For(options.Language);
        var source = await seeds.GetMrcSnapshotAsync(request.RunId, cancellationToken);
        var questions = SourceRecords.Slice(source.Questions, input.Start, input.Count).ToList();
        if (questions.Count == 0)
        {
            return GeneratedCandidates.Empty;
        }

        var candidates = new List<CandidateTask>();
        var rejected = new List<RejectedRecord>();
        var (sentences, usage) = await SentencesAsync(source, questions, options, language, rejected, input, cancellationToken);
        var articles = ArticleIndexes.GetValue(source, s => s.Questions.ToLookup(q => s.ContextOf(q).Article));
        foreach (var question in questions)
        {
            var context = source.ContextOf(question);
            foreach (var style in options.AnswerStyles)
            {
                string? output;
                MrcChoice? choice = null;
                if (style == AnswerStyles.Choice)
                {
                    choice = Choice(source, articles, question, language, $"{request.RunId}/{question.Id}");
                    output = choice?.Output;
                    if (choice is null)
                    {
                        rejected.Add(Rejection(question, style, MrcReasons.NoDistractors, "no other answer or noun phrase of the article to offer as a wrong option", input.Round));
                    }
                }
                else if (question.IsImpossible || style == AnswerStyles.Span)
                {
                    output = question.IsImpossible ? MrcInstructions.NotInPassage(language) : question.Span!.Text;
                }
                else
                {
                    output = sentences.GetValueOrDefault(question.Id);
                }

                if (output is not null)
                {
                    candidates.Add(new CandidateTask(MrcInstructions.Instruction(style, language, question.Question, choice), context.Text, output, question.Id)
                    {
                        Mrc = new MrcFacts(question.Question, context.Title, style, question.Span, question.SpanVariant, question.IsImpossible),
                    });
                }
            }
        }

        return new GeneratedCandidates(candidates, rejected, usage);
    }

    /// <summary>
    /// The sentence answers of the batch's answerable questions, by question id, from one LLM call. Items the reply
    /// lacks and answers that lose the span are recorded in <paramref name="rejected"/> and left out.
    /// </summary>
    private async Task<(Dictionary<string, string> Answers, LlmUsage Usage)> SentencesAsync(
        MrcSource source, List<MrcQuestion> questions, Runs.RunOptions options, LanguageProfile language,
        List<RejectedRecord> rejected, SourceBatchInput input, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var asked = options.AnswerStyles.Contains(AnswerStyles.Sentence)
            ? questions.Where(q => !q.IsImpossible && q.Span is not null).ToList()
            : [];
        if (asked.Count == 0)
        {
            return (answers, LlmUsage.None);
        }

        var items = asked.Select(q => new MrcAnswerItem(source.ContextOf(q).Text, q.Question, q.Span!.Text)).ToList();
        var completion = await llm.CompleteAsync(MrcPrompts.Build(items, language, options.ResponseStyle), options.Model, cancellationToken);
        var reply = BatchReplyParser.ParseAnswers(completion.Content, completion.Finish.ToParserReason(), items.Count);
        rejected.AddRange(reply.Problems.Select(p => new RejectedRecord(
            $"source records {input.Start + 1}-{input.Start + questions.Count}", PipelineStages.MrcAnswer, p.Code, p.Detail, input.Round)));
        foreach (var item in reply.Items)
        {
            var question = asked[item.Index];
            if (item.Value is not { } answer)
            {
                rejected.Add(Rejection(question, AnswerStyles.Sentence, item.Reason!, item.Detail, input.Round));
            }
            else if (!MrcFaithfulness.Keeps(answer, question.Span!.Text))
            {
                rejected.Add(Rejection(question, AnswerStyles.Sentence, MrcReasons.UnfaithfulAnswer,
                    $"the answer \"{Shorten(answer)}\" neither contains nor restates the span \"{question.Span.Text}\"", input.Round));
            }
            else
            {
                answers[question.Id] = answer.Trim();
            }
        }

        return (answers, completion.Usage);
    }

    /// <summary>A choice item whose distractors are the article's other answers and noun phrases, in an order fixed by <paramref name="seed"/>.</summary>
    private static MrcChoice? Choice(MrcSource source, ILookup<int, MrcQuestion> articles, MrcQuestion question, LanguageProfile language, string seed)
    {
        var article = articles[source.ContextOf(question).Article].ToList();
        var otherAnswers = article.Where(q => q.Id != question.Id && q.Span is not null).Select(q => q.Span!.Text);
        var passages = article.Select(q => q.Context).Distinct().Select(c => source.Contexts[c].Text);
        return question.IsImpossible || question.Span is null
            ? MrcChoices.BuildUnanswerable(MrcInstructions.NotInPassage(language), otherAnswers, passages, seed)
            : MrcChoices.Build(question.Span.Text, otherAnswers, passages, seed);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static RejectedRecord Rejection(MrcQuestion question, string style, string reason, string? detail, int round) =>
        new($"{question.Question} [{style}]", PipelineStages.MrcAnswer, reason, detail, round) { SourceId = question.Id };
}
