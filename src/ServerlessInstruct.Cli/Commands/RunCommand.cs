using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;
using ServerlessInstruct.LocalHost.Runs;

namespace ServerlessInstruct.Cli.Commands;

/// <summary>
/// <c>run</c>: the whole pipeline on this machine, without Functions Core Tools: Azurite, the Durable engine
/// in-process with the Functions app's orchestrator and activities, and an LLM (the simulator by default).
/// </summary>
internal static class RunCommand
{
    private const PipelineMode DefaultMode = PipelineMode.SelfInstruct;
    private const Language DefaultLanguage = Language.En;

    public static Command Create()
    {
        var seeds = CommonOptions.ExistingFile(
            "--seeds",
            "The seed file: Self-Instruct seed tasks, Alpaca JSON or JSONL, KoAlpaca Q&A, one instruction per line, or SQuAD/KorQuAD data for --mode mrc.",
            "-s");
        seeds.Required = true;
        var target = CommonOptions.PositiveInt("--target", "Records to produce (instruction, input, output lines).", 100);
        var mode = CommonOptions.Choice<PipelineMode>(
            "--mode",
            "The recipe: self-instruct, alpaca, translate (an Alpaca dataset into --language), qa-rewrite (question/answer pairs) or mrc (SQuAD/KorQuAD reading comprehension).",
            PipelineModes.Names,
            PipelineModes.TryParse,
            PipelineModes.Name(DefaultMode));
        var language = CommonOptions.Choice<Language>(
            "--language", "Prompts, filters and tokenizer follow it.", LanguageCodes.Names, LanguageCodes.TryParse, LanguageCodes.Name(DefaultLanguage));
        var llm = CommonOptions.Choice(
            "--llm",
            "simulator (in-process, free), azure (Azure OpenAI; key from Llm__ApiKey or your Azure login) or openai (any OpenAI-compatible URL).",
            new Dictionary<string, LlmTarget> { ["simulator"] = LlmTarget.Simulator, ["azure"] = LlmTarget.Azure, ["openai"] = LlmTarget.OpenAI },
            LlmTarget.Simulator);
        var endpoint = CommonOptions.Url(
            "--endpoint", "Azure OpenAI resource endpoint, or the OpenAI-compatible base URL including /v1. Required with --llm azure|openai.");
        var deployment = new Option<string>("--deployment") { Description = "Azure deployment or model name.", HelpName = "NAME" };
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Where data.jsonl, rejected.jsonl, manifest.json, alpaca.json and chat.jsonl (and mrc.json in mode mrc) are written.",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("out"),
        };
        var concurrency = CommonOptions.OptionalInt(
            "--concurrency", "The most LLM calls in flight (default 256). Within it the number follows the quota and the latency the run sees.", max: 256);
        var maxRounds = CommonOptions.OptionalInt(
            "--max-rounds",
            $"Stop after this many rounds. Default: {RoundLimits.SmallRunRounds}, or one round per {RoundLimits.LeastRecordsPerRound} target records when that is more.",
            max: RoundLimits.MostRounds);
        var budget = CommonOptions.OptionalNumber("--budget-usd", "Stop cleanly once the run has cost this much.", "USD");
        var answerStyles = CommonOptions.Choices(
            "--answer-style",
            "mrc: the answer forms, each a record of its own: span (the span text), sentence (an LLM sentence that must keep the span), choice (A-D, distractors from the article).",
            AnswerStyles.All,
            [AnswerStyles.Span]);
        var unanswerable = CommonOptions.Choice(
            "--unanswerable",
            "mrc: answer (a record saying the passage does not contain the answer) or skip (left out, recorded).",
            UnanswerablePolicy.All,
            UnanswerablePolicy.Answer);
        var judge = CommonOptions.Choice(
            "--judge",
            "Judge kept records: none, quality (a 1-5 score; below --min-score is rejected low-quality) or quality+safety "
            + "(also rejects toxic, stereotyping or unsafe outputs). qa-rewrite and translate are also checked against their source.",
            JudgeModes.All,
            JudgeModes.None);
        var minScore = CommonOptions.Int(
            "--min-score", "The lowest judge score a kept record may have, with --judge.", JudgeModes.DefaultMinScore, JudgeModes.LowestScore, JudgeModes.HighestScore);
        var batch = new Option<bool>("--batch")
        {
            Description = "Send the LLM calls as batch jobs (Azure OpenAI Global Batch, OpenAI Batch API): half the price, answered within 24 hours. "
                + "On Azure, Llm__BatchDeployment names the GlobalBatch deployment.",
        };
        var scope = new Option<string>("--dedup-scope") { Description = "Share the dedup pool with other runs under this name.", HelpName = "NAME" };

        var command = new Command(
            "run",
            "Run the pipeline locally end to end and download the dataset. Starts Azurite (npm package 'azurite') if it is not running.")
        {
            seeds, target, mode, language, llm, endpoint, deployment, output, concurrency, maxRounds, budget, scope, answerStyles, unanswerable, judge, minScore, batch,
        };
        command.Validators.Add(result =>
        {
            // Tokens, not values: reading an option whose value did not parse throws instead of reporting it.
            var chosen = result.GetResult(llm)?.Tokens is { Count: > 0 } tokens ? tokens[^1].Value : null;
            if (chosen is not null && (chosen.Equals("azure", StringComparison.OrdinalIgnoreCase) || chosen.Equals("openai", StringComparison.OrdinalIgnoreCase))
                && result.GetResult(endpoint) is null)
            {
                result.AddError("--endpoint is required with --llm azure or openai.");
            }
        });

        command.SetAction((parse, cancellationToken) =>
        {
            var chosenMode = parse.GetValue(mode) ?? DefaultMode;
            var options = new Dictionary<string, string>
            {
                ["target"] = parse.GetValue(target).ToString(CultureInfo.InvariantCulture),
                ["mode"] = PipelineModes.Name(chosenMode),
                ["language"] = LanguageCodes.Name(parse.GetValue(language) ?? DefaultLanguage),
                ["judge"] = parse.GetValue(judge)!,
                ["minScore"] = parse.GetValue(minScore).ToString(CultureInfo.InvariantCulture),
            };

            // Only where they matter or were asked for: options are part of a local run's id, and other modes' ids stay as they were.
            if (chosenMode == PipelineMode.Mrc || parse.GetResult(answerStyles) is { Implicit: false })
            {
                options["answerStyle"] = string.Join(',', parse.GetValue(answerStyles)!);
            }

            if (chosenMode == PipelineMode.Mrc || parse.GetResult(unanswerable) is { Implicit: false })
            {
                options["unanswerable"] = parse.GetValue(unanswerable)!;
            }
            // Only when asked for, like the mrc options: a run id hashes its options.
            if (parse.GetValue(batch))
            {
                options["batch"] = "true";
            }

            if (parse.GetValue(concurrency) is { } limit)
            {
                options["concurrency"] = limit.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(maxRounds) is { } rounds)
            {
                options["maxRounds"] = rounds.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(budget) is { } usd)
            {
                options["budgetUsd"] = usd.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(scope) is { } name)
            {
                options["dedupScope"] = name;
            }

            var request = new LocalRunRequest
            {
                SeedsPath = parse.GetRequiredValue(seeds).FullName,
                OutputDirectory = parse.GetValue(output)!.FullName,
                Options = options,
                Llm = parse.GetValue(llm),
                Endpoint = parse.GetValue(endpoint),
                Deployment = parse.GetValue(deployment),
            };
            return RunAsync(request, parse.InvocationConfiguration, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(LocalRunRequest request, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var progress = new ProgressLine(console.Error, Console.IsErrorRedirected, clock);
        LocalRunResult result;
        try
        {
            result = await LocalRunner.RunAsync(request, progress, loggerFactory: null, cancellationToken);
        }
        catch (Exception e) when (e is RunOptionsException or FileNotFoundException or InvalidOperationException or TimeoutException)
        {
            progress.Finish();
            await console.Error.WriteLineAsync($"run: {e.Message}");
            return e is RunOptionsException ? ExitCodes.Usage : ExitCodes.Failure;
        }

        progress.Finish();
        var summary = result.Summary;
        var writer = console.Output;
        var how = result.Started ? "new" : result.Restarted ? "restarted" : "resumed";
        await writer.WriteLineAsync($"run {result.RunId} ({how}): {summary?.Outcome ?? result.Status.ToString()}");
        if (summary is not null)
        {
            var totals = summary.Totals;
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"records={totals.Records} rounds={summary.Rounds} instructions_kept={totals.InstructionsKept}/{totals.InstructionsGenerated} " +
                $"llm_calls={totals.Usage.Calls} tokens={totals.Usage.TotalTokens} seconds={summary.DurationSeconds:F1} records_per_min={summary.RecordsPerMinute:F0}"));
            if (totals.Judge.Judged > 0)
            {
                var stage = totals.Usage.Stages.GetValueOrDefault(PipelineStages.Judge);
                var rejected = string.Join(' ', RejectionReasons.JudgeReasons.Select(r => $"{r}={totals.Rejected.GetValueOrDefault($"{PipelineStages.Judge}/{r}")}"));
                var cost = totals.Usage.CostUsd > 0 && stage is not null ? (stage.CostUsd / totals.Usage.CostUsd).ToString("0.0%", CultureInfo.InvariantCulture) : "-";
                var tokens = totals.Usage.TotalTokens > 0 && stage is not null ? ((double)stage.TotalTokens / totals.Usage.TotalTokens).ToString("0.0%", CultureInfo.InvariantCulture) : "-";
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"judge: judged={totals.Judge.Judged} kept={totals.Judge.Kept} {rejected} unscored={totals.Judge.Unscored.Values.Sum()} cost_share={cost} token_share={tokens}"));
            }

            if (summary.Error is not null)
            {
                await writer.WriteLineAsync($"error: {summary.Error}");
            }
        }

        foreach (var file in result.Files)
        {
            await writer.WriteLineAsync($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        }

        return summary?.Outcome is RunOutcomes.Completed or RunOutcomes.BudgetExhausted or RunOutcomes.Cancelled
            ? ExitCodes.Success
            : ExitCodes.Failure;
    }

    /// <summary>One status line, redrawn in place on a terminal and printed once per change when redirected.</summary>
    private sealed class ProgressLine(TextWriter error, bool redirected, Stopwatch clock) : IProgress<RunProgress>
    {
        private const int BarWidth = 24;
        private string _last = string.Empty;

        public void Report(RunProgress value)
        {
            var share = value.Target == 0 ? 0 : Math.Clamp((double)value.Records / value.Target, 0, 1);
            var filled = (int)Math.Round(share * BarWidth);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {value.Records}/{value.Target} records | round {value.Round} {value.State} | " +
                $"instructions kept {value.InstructionsKept}, rejections {value.Rejected.Values.Sum()} | {value.Usage.TotalTokens:N0} tokens | {clock.Elapsed:mm\\:ss}");
            if (redirected)
            {
                var key = $"{value.Round}/{value.State}";
                if (key != _last)
                {
                    _last = key;
                    error.WriteLine(line);
                }

                return;
            }

            error.Write("\r" + line.PadRight(Math.Max(_last.Length, line.Length)));
            _last = line;
        }

        public void Finish()
        {
            if (!redirected && _last.Length > 0)
            {
                error.WriteLine();
            }
        }
    }
}
