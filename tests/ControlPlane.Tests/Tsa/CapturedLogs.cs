using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>Logger provider that keeps warning-and-above entries (level, event id, message) for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> _entries = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries => [.. _entries];

    /// <summary>Completes when an entry with <paramref name="eventId"/> (any level) has been logged.</summary>
    public Task Seen(int eventId) => Waiter(eventId).Task;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private TaskCompletionSource Waiter(int eventId) =>
        _waiters.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
                owner._entries.Enqueue((logLevel, eventId, formatter(state, exception)));
            if (eventId.Id != 0)
                owner.Waiter(eventId.Id).TrySetResult();
        }
    }
}
