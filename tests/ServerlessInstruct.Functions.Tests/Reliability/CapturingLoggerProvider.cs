using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>Keeps every log entry with everything a log sink would store: the message, its structured values and any exception.</summary>
sealed class CapturingLoggerProvider : ILoggerProvider
{
    readonly ConcurrentQueue<CapturedLog> entries = new();

    public IReadOnlyCollection<CapturedLog> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

sealed record CapturedLog(LogLevel Level, string Category, string Message, string Values, string? Exception)
{
    public bool Contains(string text) =>
        Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Values.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (Exception?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
}
