using CcTsa.Contracts.Messages.Signing;
using MassTransit;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Participants' answers to this node as coordinator: nonce commitments go to the stock (a quota
/// refusal only ends the pending request), shares and
/// refusals complete the awaited round slot. Answers from unattested or cut-off peers are ignored.
/// </summary>
internal sealed class CoordinatorInbox(NodeContext node, NonceSupply supply)
    : IConsumer<NonceCommitmentsIssued>, IConsumer<NonceCommitmentsRefused>, IConsumer<SignatureSharesProduced>, IConsumer<SignatureSharesRefused>
{
    public Task Consume(ConsumeContext<NonceCommitmentsRefused> context)
    {
        var m = context.Message;
        if (m.Coordinator == node.Id && node.Accepts(m.Participant, nameof(NonceCommitmentsRefused))) supply.Refused(m);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<NonceCommitmentsIssued> context)
    {
        var m = context.Message;
        if (m.Coordinator == node.Id && node.Accepts(m.Participant, nameof(NonceCommitmentsIssued))) supply.Received(m);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<SignatureSharesProduced> context)
    {
        var m = context.Message;
        if (node.Accepts(m.Participant, nameof(SignatureSharesProduced))) node.Pending.Complete(m);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<SignatureSharesRefused> context)
    {
        var m = context.Message;
        if (node.Accepts(m.Participant, nameof(SignatureSharesRefused))) node.Pending.Complete(m);
        return Task.CompletedTask;
    }
}
