using System.Collections.Concurrent;
using System.Text;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.Signer.Tests.Canary;

/// <summary>
/// Everything that leaves the nodes in a readable form: every message body received on any
/// endpoint of the bus (the wire bytes), every log line with its exception, and every consumer
/// fault. The canary searches all of it for secret bytes.
/// </summary>
internal sealed class LeakCapture : IReceiveObserver, ILoggerProvider
{
    private readonly ConcurrentQueue<byte[]> _bodies = new();
    private readonly ConcurrentQueue<string> _texts = new();

    public int BodyCount => _bodies.Count;

    public int TextCount => _texts.Count;

    /// <summary>The log lines ("category event-id message") and fault texts so far.</summary>
    public IReadOnlyList<string> Texts => [.. _texts];

    public IEnumerable<byte[]> Everything() =>
        _bodies.Concat(_texts.Select(Encoding.UTF8.GetBytes));

    public Task PreReceive(ReceiveContext context)
    {
        _bodies.Enqueue(context.Body.GetBytes());
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class
    {
        _texts.Enqueue(exception.ToString());
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        _texts.Enqueue(exception.ToString());
        return Task.CompletedTask;
    }

    public ILogger CreateLogger(string categoryName) => new Sink(this, categoryName);

    public void Dispose() { }

    private sealed class Sink(LeakCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            capture._texts.Enqueue($"{category} {eventId.Id} {formatter(state, exception)} {exception}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var kv in values) capture._texts.Enqueue($"{kv.Key}={kv.Value}");
        }
    }
}
