using MassTransit;

namespace CcTsa.Signer.Messaging;

/// <summary>A <see cref="ProtocolKind"/> for contract type <typeparamref name="T"/>.</summary>
internal sealed class ProtocolKindOf<T>(KeyTrust trust, Func<T, NodeId?> sender, Func<T, byte[]?>? carriedKey = null)
    : ProtocolKind(typeof(T), trust)
    where T : class
{
    public override NodeId? ClaimedSender(object message) => sender((T)message);

    public override byte[]? CarriedKey(object message) => carriedKey?.Invoke((T)message);

    public override bool TryRead(ConsumeContext context, out object message)
    {
        if (context.TryGetMessage<T>(out var typed))
        {
            message = typed.Message;
            return true;
        }
        message = null!;
        return false;
    }

    public override Task NotifyDroppedAsync(ConsumeContext context) =>
        context.TryGetMessage<T>(out var typed)
            ? context.NotifyConsumed(typed, TimeSpan.Zero, nameof(MessageAuthenticationFilter))
            : Task.CompletedTask;
}
