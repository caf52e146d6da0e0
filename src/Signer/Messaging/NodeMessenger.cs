using CcTsa.Signer.Faults;
using CcTsa.Hosting;
using MassTransit;

namespace CcTsa.Signer.Messaging;

/// <summary>
/// The only way a node puts messages on the bus. Point-to-point messages go to the peer's own
/// queue <c>signer-{id}</c>; broadcasts are published. A dropped peer (partition fault) gets
/// nothing, so the fault looks to both sides like a cut network link. Everything it sends is
/// signed with the node's attested message key (<see cref="MessageAuthenticator.Sign"/>), so peers
/// and the control plane can tell this node's messages from anything else on the bus.
/// </summary>
public sealed class NodeMessenger
{
    private readonly FaultState _faults;
    private readonly string _prefix;
    private readonly IMessageAuthentication _authenticator;
    private IBus? _bus;

    internal NodeMessenger(FaultState faults, string queuePrefix, IMessageAuthentication authenticator)
    {
        _faults = faults;
        _prefix = queuePrefix;
        _authenticator = authenticator;
    }

    /// <summary>Queue name of a node's receive endpoint.</summary>
    public static string QueueName(NodeId node, string prefix = "") => prefix + "signer-" + node.Value;

    public bool Attached => _bus is not null;

    /// <summary>
    /// Adversary tests only (internal, unreachable from the bus): models a compromised signer that
    /// rewrites, replaces (another message type) or withholds (null) its own outgoing messages
    /// before they are signed with its genuine key. The recipient is null for a publish.
    /// </summary>
    internal Func<NodeId?, object, object?>? Compromised { get; set; }

    internal void Attach(IBus bus) => _bus = bus;

    internal void Detach() => _bus = null;

    /// <summary>Sends to one peer's queue; false when the peer is cut off by a fault or the node is detached.</summary>
    public async Task<bool> SendAsync<T>(NodeId to, T message, CancellationToken cancellationToken = default)
        where T : class
    {
        var bus = _bus;
        if (bus is null || _faults.Drops(to)) return false;
        var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + QueueName(to, _prefix))).ConfigureAwait(false);
        if (Compromised is { } rewrite)
        {
            if (rewrite(to, message) is not { } other) return false;
            await endpoint.Send(other, other.GetType(), Pipe.Execute<SendContext>(ctx => _authenticator.Sign(ctx, other, to.Value)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        await endpoint.Send(message, ctx => _authenticator.Sign(ctx, message, to.Value), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Publishes to every subscriber (peers filter dropped senders on receipt).</summary>
    public async Task<bool> PublishAsync<T>(T message, CancellationToken cancellationToken = default)
        where T : class
    {
        var bus = _bus;
        if (bus is null) return false;
        if (Compromised is { } rewrite)
        {
            if (rewrite(null, message) is not { } other) return false;
            await bus.Publish(other, other.GetType(), Pipe.Execute<PublishContext>(ctx => _authenticator.Sign(ctx, other, ProtocolHeaders.Broadcast)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        await bus.Publish(message, ctx => _authenticator.Sign(ctx, message, ProtocolHeaders.Broadcast), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Answers a control-plane command: as a response when it was a request, else published.</summary>
    /// <remarks>Dispatches on the runtime type, so the message goes out as its own contract type.</remarks>
    public async Task ReplyAsync(ConsumeContext context, object message)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        void Sign(SendContext ctx) => _authenticator.Sign(ctx, message, ProtocolHeaders.Broadcast);
        if (context.ResponseAddress is not null) await context.RespondAsync(message, message.GetType(), Pipe.Execute<SendContext>(Sign)).ConfigureAwait(false);
        else await context.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(Sign)).ConfigureAwait(false);
    }
}
