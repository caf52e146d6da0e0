using System.Collections.Immutable;
using CcTsa.ControlPlane.Pki;
using CcTsa.Crypto.Common;
using CcTsa.Contracts.Events.Incidents;
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
/// An epoch whose ceremony also made a key of another scheme (KeyEpochActivated "ecdsa-p384") gets
/// a certificate for that key too (CSR signed with SignRawMessage Scheme "ecdsa-p384", certifying
/// that scheme's policy only), installed with InstallCertificate(Policy = its OID). That one is
/// best effort: while it is missing the policy is not offered, and FROST issuance is never held up.
/// </summary>
public sealed class CertificateDistributor(
    IBus bus,
    FleetState state,
    CertificateService certificates,
    TsaPolicySet policies,
    FleetOptions options,
    TimeProvider time,
    ILogger<CertificateDistributor> logger)
{
    /// <summary>
    /// Issues (or finds) the certificate of <paramref name="epoch"/> and installs it on all online
    /// nodes: true when installed, false with an external CA still pending, or why it could not be
    /// made now (e.g. the CSR could not be signed below quorum).
    /// </summary>
    public async Task<Result<bool, ProvisionFailure>> ProvisionAsync(int epoch, string groupPublicKeyHex, CancellationToken ct)
    {
        await SetAsideForeignAsync(ct).ConfigureAwait(false);
        if (certificates.ForEpoch(epoch) is null)
        {
            var measurement = state.Roster.AttestedMeasurement is { } hex ? Convert.FromHexString(hex) : [];
            var provisioned = await certificates.ProvisionEpochAsync(new KeyEpoch(epoch), Convert.FromHexString(groupPublicKeyHex), [.. measurement], ct).ConfigureAwait(false);
            if (!provisioned.TryGet(out var outcome, out var failure)) return Result<bool, ProvisionFailure>.Fail(failure);
            if (outcome.Installed is null) return false;
        }
        foreach (var node in state.Roster.All.Where(v => v.Online && v.Attested))
            await SendAsync(node.Id, epoch, Frost, ct).ConfigureAwait(false);
        await state.CatchUpAsync(ct).ConfigureAwait(false);
        ControlPlaneLog.CertificateInstalled(logger, epoch);
        await ProvisionOtherSchemesAsync(epoch, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Issues (or finds) the certificate of <paramref name="scheme"/>'s key in <paramref name="epoch"/>
    /// and installs it on all online attested nodes: true when installed, false when the epoch has no
    /// such key or an external CA is pending, or why it could not be made now.
    /// </summary>
    public async Task<Result<bool, ProvisionFailure>> ProvisionSchemeAsync(int epoch, string scheme, CancellationToken ct)
    {
        await state.CatchUpAsync(ct).ConfigureAwait(false);
        if (state.Epochs.KeyOf(epoch, scheme) is not { } keyHex) return false;
        if (certificates.ForEpoch(epoch, scheme) is not { } cert || !Matches(cert, keyHex))
        {
            var measurement = state.Roster.AttestedMeasurement is { } hex ? Convert.FromHexString(hex) : [];
            var provisioned = await certificates.ProvisionEpochAsync(new KeyEpoch(epoch), scheme, Convert.FromHexString(keyHex), [.. measurement], ct).ConfigureAwait(false);
            if (!provisioned.TryGet(out var outcome, out var failure)) return Result<bool, ProvisionFailure>.Fail(failure);
            if (outcome.Installed is null) return false;
        }
        foreach (var node in state.Roster.All.Where(v => v.Online && v.Attested))
            await SendAsync(node.Id, epoch, scheme, ct).ConfigureAwait(false);
        await state.CatchUpAsync(ct).ConfigureAwait(false);
        ControlPlaneLog.SchemeCertificateInstalled(logger, epoch, scheme);
        return true;
    }

    /// <summary>
    /// After a refresh re-keyed <paramref name="scheme"/>'s key within <paramref name="epoch"/> (ML-DSA-65,
    /// which has no norm-preserving refresh): the certificate of the new key (CSR signed by it) issued and
    /// installed on every node, then <paramref name="replaced"/> revoked as superseded — that one only: the
    /// epoch's classical certificates certify keys the refresh kept. True when installed, false while an
    /// external CA is pending (the old certificate stays unrevoked until then), or why it could not be made now.
    /// </summary>
    public async Task<Result<bool, ProvisionFailure>> RecertifyAsync(int epoch, string scheme, TsaCertificate? replaced, CancellationToken ct)
    {
        var provisioned = await ProvisionSchemeAsync(epoch, scheme, ct).ConfigureAwait(false);
        if (!provisioned.TryGet(out var installed, out _) || !installed) return provisioned;
        if (replaced is not null && certificates.ForEpoch(epoch, scheme) is { } current && !current.SerialNumber.AsSpan().SequenceEqual(replaced.SerialNumber.AsSpan())
            && !(state.Certificates.BySerial.TryGetValue(Convert.ToHexStringLower(replaced.SerialNumber.AsSpan()), out var entry) && entry.Revoked))
        {
            await certificates.RevokeReplacedAsync(new KeyEpoch(epoch), replaced, ct).ConfigureAwait(false);
            await state.CatchUpAsync(ct).ConfigureAwait(false);
        }
        return true;
    }

    private async Task ProvisionOtherSchemesAsync(int epoch, CancellationToken ct)
    {
        foreach (var scheme in state.Epochs.KeysOf(epoch).Keys.Where(s => s != Frost))
        {
            try
            {
                // a certificate of the scheme's previous key (a refresh re-keyed ML-DSA-65, and the control plane
                // stopped before certifying the new key) is replaced, then revoked
                var provisioned = await RecertifyAsync(epoch, scheme, Stale(epoch, scheme), ct).ConfigureAwait(false);
                if (!provisioned.TryGet(out _, out var failure))
                    ControlPlaneLog.SchemeCertificatePending(logger, epoch, scheme, failure.Detail);
            }
            catch (ArgumentException e)
            {
                // a recorded key that is no point of the curve, or a scheme without a policy: name it, keep FROST going
                ControlPlaneLog.SchemeCertificatePending(logger, epoch, scheme, e.Message);
            }
        }
    }

    /// <summary>Gives a (newly attested) node the certificate of the current epoch, if there is one.</summary>
    public async Task InstallOnAsync(NodeId node, CancellationToken ct)
    {
        var epoch = state.Epochs.Current;
        if (epoch == 0 || certificates.ForEpoch(epoch) is null) return;
        await SendAsync(node, epoch, Frost, ct).ConfigureAwait(false);
        foreach (var scheme in state.Epochs.KeysOf(epoch).Keys.Where(s => s != Frost))
        {
            if (certificates.ForEpoch(epoch, scheme) is not null)
                await SendAsync(node, epoch, scheme, ct).ConfigureAwait(false);
        }
        // a certificate still missing for another scheme gets another chance with every attestation
        if (state.Epochs.KeysOf(epoch).Keys.Any(s => s != Frost && (certificates.ForEpoch(epoch, s) is null || Stale(epoch, s) is not null)))
            await ProvisionOtherSchemesAsync(epoch, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Issue 14: data/pki may hold certificates of another log (a folder left by an earlier
    /// deployment). A certificate file is used only if its key is the group key this log records for
    /// its epoch; any other (or one for an epoch the log has not reached) is set aside under
    /// data/pki/foreign and recorded as a certificateMismatch incident, so the epoch gets a
    /// certificate of its own instead of a step that "installs" a certificate nobody accepts.
    /// </summary>
    public async Task<int> SetAsideForeignAsync(CancellationToken ct)
    {
        await state.CatchUpAsync(ct).ConfigureAwait(false);
        var epochs = state.Epochs;
        var found = 0;
        foreach (var n in certificates.EpochsOnDisk())
        {
            if (certificates.ForEpoch(n) is not { } file) continue;
            var known = epochs.Epochs.TryGetValue(n, out var info) ? info.GroupPublicKeyHex : null;
            if (known is not null ? Matches(file, known) : n <= epochs.Current) continue;
            var fingerprint = Convert.ToHexStringLower(file.CertHashSha256.AsSpan());
            var movedTo = certificates.SetAside(n);
            if (movedTo is null) continue;
            found++;
            var summary = known is null
                ? $"certificate file of epoch {n} (sha256 {fingerprint}) found, but this log has no epoch {n} yet; set aside as {movedTo}, never used"
                : $"certificate file of epoch {n} (sha256 {fingerprint}) is for key {Convert.ToHexStringLower(file.PublicKey.AsSpan())}, not the group key {known} this log records for epoch {n}; set aside as {movedTo}, never used";
            await state.RecordAsync([new IncidentOpened(IncidentId.New(), Runbooks.IncidentKinds.CertificateMismatch, summary, [], time.GetUtcNow(),
                epochs.Current > 0 ? new KeyEpoch(epochs.Current) : null)], ct).ConfigureAwait(false);
            ControlPlaneLog.CertificateMismatch(logger, n, fingerprint, movedTo);
        }
        return found;
    }

    private const string Frost = CeremonyRunner.Scheme;

    /// <summary>The served certificate of <paramref name="scheme"/> in the epoch when it is not for the key the log records now (re-keyed); else null.</summary>
    private TsaCertificate? Stale(int epoch, string scheme) =>
        certificates.ForEpoch(epoch, scheme) is { } served && state.Epochs.KeyOf(epoch, scheme) is { } keyHex && !Matches(served, keyHex) ? served : null;

    /// <summary>The certificate is for that group key (ECDSA keys compared as points: the fleet reports them compressed).</summary>
    private static bool Matches(TsaCertificate certificate, string groupPublicKeyHex) =>
        groupPublicKeyHex.Length > 0 && (certificate.Algorithm == TokenSignatureAlgorithm.EcdsaP384Sha384
            ? P384Points.SamePoint(certificate.PublicKey.AsSpan(), Convert.FromHexString(groupPublicKeyHex))
            : certificate.PublicKey.AsSpan().SequenceEqual(Convert.FromHexString(groupPublicKeyHex)));

    private async Task SendAsync(NodeId node, int epoch, string scheme, CancellationToken ct)
    {
        var cert = certificates.ForEpoch(epoch, scheme);
        if (cert is null) return;
        // never relay a certificate whose key is not the epoch's group key (the nodes would refuse it anyway)
        var keyHex = scheme == Frost && state.Epochs.Epochs.TryGetValue(epoch, out var info) ? info.GroupPublicKeyHex : state.Epochs.KeyOf(epoch, scheme);
        if (keyHex is not null && !Matches(cert, keyHex)) return;
        var chain = ChainDer();
        var endpoint = await bus.GetSendEndpoint(NodeAddress.Of(node, options.QueuePrefix)).ConfigureAwait(false);
        await endpoint.Send(new InstallCertificate(new KeyEpoch(epoch), [.. cert.Der], chain, PolicyOf(scheme), options.AccuracyMicros), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The policy a certificate is installed for: the scheme's own; for FROST the configured default
    /// while that is a FROST policy (tests use OIDs of their own), else the ed25519 policy.
    /// </summary>
    private string PolicyOf(string scheme)
    {
        if (scheme != Frost)
            return TsaPolicies.ByScheme(scheme)?.Oid ?? throw new ArgumentException($"no TSA policy for scheme '{scheme}'", nameof(scheme));
        return TsaPolicies.ByOid(policies.Default) is { } known && known.Scheme != Frost ? TsaPolicies.Ed25519.Oid : policies.Default;
    }

    private IReadOnlyList<byte[]> ChainDer()
    {
        var pem = certificates.CaPem();
        return pem is not null && Pem.TryDecode(pem, Pem.Certificate, out var der) ? [der] : [];
    }
}
