using System.Collections.Concurrent;
using CcTsa.Crypto.Messages;
using CcTsa.Hosting;
using CcTsa.Signer.Messaging;
using CcTsa.Signer.Tests.Fleet;
using MassTransit;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// The bus as an attacker: it sees every message the nodes send or publish (with its headers), and
/// can put anything on any queue under any name. It has no enclave, so the best key it can sign
/// with is its own; it can also copy genuine headers onto messages it replays or rewrites.
/// </summary>
internal sealed class MaliciousRelay : ISendObserver, IPublishObserver, IDisposable
{
    private readonly ConcurrentQueue<(object Message, Dictionary<string, object> Headers)> _seen = new();
    private readonly NodeSigningKey _ownKey = NodeSigningKey.Generate();
    // Set while the relay itself sends, so its own forgeries are not recorded as genuine traffic.
    private readonly AsyncLocal<bool> _forging = new();
    private TestCluster? _cluster;

    /// <summary>Called for every message a node sends or publishes (after it left), e.g. to race a forgery against it.</summary>
    public Func<object, Task>? OnGenuine { get; set; }

    public void Observe(IBusControl bus)
    {
        bus.ConnectSendObserver(this);
        bus.ConnectPublishObserver(this);
    }

    public void Attach(TestCluster cluster) => _cluster = cluster;

    /// <summary>Genuine messages of type <typeparamref name="T"/> seen so far, with the headers they carried.</summary>
    public IReadOnlyList<(T Message, Dictionary<string, object> Headers)> Seen<T>() =>
        [.. _seen.Where(s => s.Message is T).Select(s => ((T)s.Message, s.Headers))];

    /// <summary>Puts <paramref name="message"/> on <paramref name="to"/>'s queue with no signature at all.</summary>
    public Task SendUnsignedAsync<T>(NodeId to, T message) where T : class => SendAsync(to, message, _ => { });

    /// <summary>Signs in <paramref name="claimed"/>'s name with the relay's own key: well-formed, wrong key.</summary>
    public Task SendForgedAsync<T>(NodeId to, NodeId claimed, T message) where T : class =>
        SendAsync(to, message, ctx => SignAs(ctx, message, claimed, to.Value));

    /// <summary>Publishes a forgery in <paramref name="claimed"/>'s name to every node.</summary>
    public async Task PublishForgedAsync<T>(NodeId claimed, T message) where T : class
    {
        _forging.Value = true;
        try { await _cluster!.Bus.Publish(message, ctx => SignAs(ctx, message, claimed, ProtocolHeaders.Broadcast)); }
        finally { _forging.Value = false; }
    }

    /// <summary>Sends <paramref name="message"/> with exactly the given (genuine) headers: a replay, or a rewrite under a copied signature.</summary>
    public Task SendWithHeadersAsync<T>(NodeId to, T message, IReadOnlyDictionary<string, object> headers) where T : class =>
        SendAsync(to, message, ctx =>
        {
            foreach (var (k, v) in headers) ctx.Headers.Set(k, v);
        });

    private async Task SendAsync<T>(NodeId to, T message, Action<SendContext<T>> stamp) where T : class
    {
        var endpoint = await _cluster!.Bus.GetSendEndpoint(new Uri("queue:" + _cluster[to].QueueName));
        _forging.Value = true;
        try { await endpoint.Send(message, stamp); }
        finally { _forging.Value = false; }
    }

    private void SignAs(SendContext ctx, object message, NodeId claimed, string recipient)
    {
        var sequence = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var input = MessageSignatureInput.Compute(message.GetType().Name, claimed.Value, recipient, sequence, CanonicalBody.Digest(message, message.GetType()));
        ctx.Headers.Set(ProtocolHeaders.Sender, claimed.Value);
        ctx.Headers.Set(ProtocolHeaders.Recipient, recipient);
        ctx.Headers.Set(ProtocolHeaders.Sequence, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ctx.Headers.Set(ProtocolHeaders.Signature, Convert.ToBase64String(_ownKey.Sign(input)));
    }

    private Task Record<T>(T message, Headers headers) where T : class
    {
        if (_forging.Value || headers.Get<string>(ProtocolHeaders.Signature) is null) return Task.CompletedTask; // forgeries, the test's own commands
        _seen.Enqueue((message, headers.GetAll().ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal)));
        return OnGenuine?.Invoke(message) ?? Task.CompletedTask;
    }

    public Task PreSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;
    public Task PostSend<T>(SendContext<T> context) where T : class => Record(context.Message, context.Headers);
    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;
    public Task PostPublish<T>(PublishContext<T> context) where T : class => Record(context.Message, context.Headers);
    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public void Dispose() => _ownKey.Dispose();
}
