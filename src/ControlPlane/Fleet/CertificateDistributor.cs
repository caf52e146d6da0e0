using System.Collections.Immutable;
using CcTsa.ControlPlane.Pki;
using CcTsa.Crypto.Common;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// After a DKG: has the <see cref="CertificateService"/> make the epoch certificate (CSR signed by
/// the threshold key through <see cref="BusThresholdSigner"/>, issued by the CA, binding the
/// signers' launch measurement) and installs it on every node with InstallCertificate, so any of
/// them can coordinate. A node that joins later gets the current certificate once attested.
/// </summary>
public sealed class CertificateDistributor(
    IBus bus,
    FleetState state,
    CertificateService certificates,
    TsaPolicySet policies,
    FleetOptions options,
    ILogger<CertificateDistributor> logger)
{
    /// <summary>
    /// Issues (or finds) the certificate of <paramref name="epoch"/> and installs it on all online
    /// nodes: true when installed, false with an external CA still pending, or why it could not be
    /// made now (e.g. the CSR could not be signed below quorum).
    /// </summary>
    public async Task<Result<bool, ProvisionFailure>> ProvisionAsync(int epoch, string groupPublicKeyHex, CancellationToken ct)
    {
        if (certificates.ForEpoch(epoch) is null)
        {
            var measurement = state.Roster.AttestedMeasurement is { } hex ? Convert.FromHexString(hex) : [];
            var provisioned = await certificates.ProvisionEpochAsync(new KeyEpoch(epoch), Convert.FromHexString(groupPublicKeyHex), [.. measurement], ct).ConfigureAwait(false);
            if (!provisioned.TryGet(out var outcome, out var failure)) return Result<bool, ProvisionFailure>.Fail(failure);
            if (outcome.Installed is null) return false;
        }
        foreach (var node in state.Roster.All.Where(v => v.Online && v.Attested))
            await SendAsync(node.Id, epoch, ct).ConfigureAwait(false);
        await state.CatchUpAsync(ct).ConfigureAwait(false);
        ControlPlaneLog.CertificateInstalled(logger, epoch);
        return true;
    }

    /// <summary>Gives a (newly attested) node the certificate of the current epoch, if there is one.</summary>
    public async Task InstallOnAsync(NodeId node, CancellationToken ct)
    {
        var epoch = state.Epochs.Current;
        if (epoch > 0 && certificates.ForEpoch(epoch) is not null)
            await SendAsync(node, epoch, ct).ConfigureAwait(false);
    }

    private async Task SendAsync(NodeId node, int epoch, CancellationToken ct)
    {
        var cert = certificates.ForEpoch(epoch);
        if (cert is null) return;
        var chain = ChainDer();
        var endpoint = await bus.GetSendEndpoint(NodeAddress.Of(node, options.QueuePrefix)).ConfigureAwait(false);
        await endpoint.Send(new InstallCertificate(new KeyEpoch(epoch), [.. cert.Der], chain, policies.Default, options.AccuracyMicros), ct).ConfigureAwait(false);
    }

    private IReadOnlyList<byte[]> ChainDer()
    {
        var pem = certificates.CaPem();
        return pem is not null && Pem.TryDecode(pem, Pem.Certificate, out var der) ? [der] : [];
    }
}
