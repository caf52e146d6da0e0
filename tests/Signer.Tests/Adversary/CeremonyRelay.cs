using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Signer.Tests.Fleet;
using MassTransit;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// The untrusted control plane / broker as an attacker: it records every ceremony message the
/// nodes consume (it relays them, so it sees them all) and can inject, replay or re-address
/// messages straight into any node's queue, in any order, claiming any sender. It cannot make
/// an enclave compute anything: every attack below has to get past the real signer nodes.
/// </summary>
internal sealed class CeremonyRelay : IConsumeObserver
{
    private readonly ConcurrentQueue<object> _seen = new();

    public TestCluster? Cluster { get; set; }

    public static async Task<(TestCluster Cluster, CeremonyRelay Relay)> StartAsync()
    {
        var relay = new CeremonyRelay();
        relay.Cluster = await TestCluster.StartAsync(observe: bus => bus.ConnectConsumeObserver(relay));
        return (relay.Cluster, relay);
    }

    /// <summary>Recorded secret-bearing messages of a ceremony (one per sender, recipient and step).</summary>
    public IReadOnlyList<CeremonySecretDelivered> Secrets(CeremonyId ceremony) =>
        [.. _seen.OfType<CeremonySecretDelivered>().Where(m => m.Ceremony == ceremony).DistinctBy(m => (m.From, m.To, m.Step))];

    /// <summary>Recorded round-1 broadcasts of a ceremony (one per sender).</summary>
    public IReadOnlyList<CeremonyRound1Broadcast> Round1(CeremonyId ceremony) =>
        [.. _seen.OfType<CeremonyRound1Broadcast>().Where(m => m.Ceremony == ceremony).DistinctBy(m => m.From)];

    /// <summary>Puts <paramref name="message"/> into one node's queue, whoever it claims to come from.</summary>
    public async Task InjectAsync<T>(NodeId to, T message) where T : class
    {
        var endpoint = await Cluster!.Bus.GetSendEndpoint(new Uri("queue:" + Cluster[to].QueueName));
        await endpoint.Send(message);
    }

    /// <summary>
    /// Sends <paramref name="message"/> through <paramref name="from"/>'s own messenger, so it carries
    /// that node's genuine signature: a compromised signer (fewer than t) equivocating or replaying
    /// its own old packages. The relay's unsigned copies are dropped before any ceremony check.
    /// </summary>
    public async Task InjectAsInsiderAsync<T>(NodeId from, NodeId to, T message) where T : class =>
        Assert.True(await Cluster![from].Context.Messenger.SendAsync(to, message));

    /// <summary>Publishes a BeginCeremony of the relay's choosing and waits for <paramref name="expected"/> outcomes.</summary>
    public async Task<IReadOnlyList<CeremonyFinished>> BeginAsync(BeginCeremony begin, int expected)
    {
        await Cluster!.Bus.Publish(begin);
        return await Cluster.Ceremonies.WaitAsync(f => f.Ceremony == begin.Ceremony, expected);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (e.g. an injected message has opened a run).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(MessageLog<object>.Patience);
        while (!condition()) await Task.Delay(20, cts.Token);
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is CeremonySecretDelivered or CeremonyRound1Broadcast) _seen.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
