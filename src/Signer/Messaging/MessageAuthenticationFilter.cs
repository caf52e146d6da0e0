using MassTransit;

namespace CcTsa.Signer.Messaging;

/// <summary>
/// First filter on a node's receive endpoint: every node-signed kind (<see cref="ProtocolKinds"/>)
/// goes through <see cref="MessageAuthenticator.Check"/> before any consumer sees it. A dropped
/// message is marked consumed and goes no further; an accepted one carries
/// <see cref="AuthenticatedSender"/> so consumers that must tell proven from unproven (a bootstrap
/// announcement) can. Control-plane commands pass untouched: they are untrusted input, checked
/// by their consumers.
/// </summary>
internal sealed class MessageAuthenticationFilter(IMessageAuthentication authenticator) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (ProtocolKinds.TryFind(context, out var kind) && kind.TryRead(context, out var message))
        {
            var kindFound = kind;
            var checkedDelivery = context.ReceiveContext.GetOrAddPayload(() => new CheckedDelivery(authenticator.Check(kindFound, message, context.Headers)));
            switch (checkedDelivery.Verdict)
            {
                case MessageAuthenticator.Verdict.Dropped:
                    await kind.NotifyDroppedAsync(context).ConfigureAwait(false);
                    return;
                case MessageAuthenticator.Verdict.Accepted:
                    context.GetOrAddPayload(() => AuthenticatedSender.Instance);
                    break;
            }
        }
        await next.Send(context).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("messageAuthentication");
}
