using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Signer.Coordinator;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Control-plane housekeeping: installing an epoch's TSA certificate (public; any node may then
/// coordinate) and discarding an epoch's share (zeroized) after revocation or re-key.
/// </summary>
internal sealed class FleetParticipant(NodeContext node, NonceSupply supply, Func<CancellationToken, Task> announce)
    : IConsumer<InstallCertificate>, IConsumer<DiscardEpoch>
{
    public async Task Consume(ConsumeContext<InstallCertificate> context)
    {
        var m = context.Message;
        if (node.Killed) return;
        if (node.Certificates.Install(m) is { } error)
        {
            SignerLog.CertificateRejected(node.Logger, node.Id, m.Epoch.Number, error);
            return;
        }
        SignerLog.CertificateInstalled(node.Logger, node.Id, m.Epoch.Number);
        if (node.Vault.Holds(m.Epoch.Number)) await supply.PrimeAsync(m.Epoch.Number, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<DiscardEpoch> context)
    {
        var m = context.Message;
        if (node.Killed) return;
        node.Certificates.Remove(m.Epoch.Number);
        node.Stock.ForgetEpoch(m.Epoch.Number);
        if (node.Vault.Discard(m.Epoch.Number))
        {
            SignerLog.ShareDiscarded(node.Logger, node.Id, m.Epoch.Number, "discard requested");
            await announce(context.CancellationToken).ConfigureAwait(false);
        }
    }
}
