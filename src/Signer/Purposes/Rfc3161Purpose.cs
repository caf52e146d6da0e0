using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Purposes;

/// <summary>
/// Purpose "rfc3161": the message is the signed attributes of a TSTInfo (the evidence). A node
/// signs only while its clock is healthy and the epoch's certificate is installed and carries the
/// group key. It checks that the signed attributes are exactly content-type, message-digest (of
/// this TSTInfo) and signing-certificate-v2 (naming that certificate), that the TSTInfo passes
/// <see cref="TstInfoRules"/> against its own clock and accuracy, that an item declaring a
/// transparency-log tree head stamps exactly that head and does not go back (<see cref="LogHeadRule"/>,
/// also checked as coordinator), and that it never signed the serial before. As coordinator it builds them.
/// A hybrid token's signed attributes name the classical (ECDSA) certificate, so the ML-DSA-65 round
/// checks them against that certificate, once its own ML-DSA-65 certificate is installed and
/// certifies the hybrid policy (docs/TOKENS.md).
/// </summary>
internal sealed class Rfc3161Purpose(NodeContext node) : ISigningPurpose
{
    public const string Name = "rfc3161";

    private readonly SerialLedger _serials = new(node.Options.TokenAccuracy + node.Options.GenTimeNetworkAllowance);

    // one per node: the coordinator's and the participant's checks share the largest head agreed
    private readonly LogHeadRule _heads = new();

    string ISigningPurpose.Name => Name;

    /// <summary>
    /// Coordinator: the batch's TSTInfos and signed attributes with fresh serials and genTime from
    /// this node's trusted clock. The pipeline calls it again before every retry, so a token carries
    /// the time it is really signed at.
    /// </summary>
    public Result<BatchTokens, SigningRefusal> Prepare(SignTimestampBatch batch, string scheme)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (node.Certificates.For(batch.Epoch.Number, scheme) is not { } cert)
            return Result<BatchTokens, SigningRefusal>.Fail(SigningRefusal.EpochUnavailable($"no {scheme} certificate installed for the epoch"));
        // the TSTInfo policy is the batch's: one its scheme's certificate was installed for (its own, or the hybrid one)
        if (batch.Policy is { } policy && !cert.Policies.Contains(policy))
            return Result<BatchTokens, SigningRefusal>.Fail(SigningRefusal.Request($"policy {policy} is not an epoch {scheme} policy"));
        // a request without reqPolicy gets the batch's policy (the hybrid one, under the ECDSA certificate)
        if (batch.Policy is { } chosen && chosen != cert.Policies.Default)
            cert = cert with { Policies = new TsaPolicySet(chosen, [.. cert.Policies.Offered]) };
        if (!BatchTokens.Prepare(batch, cert, node.Now()).TryGet(out var prepared, out var refused)) return Result<BatchTokens, SigningRefusal>.Fail(refused);
        // the coordinator is a signer too: it starts no round over a head it would refuse as a participant
        foreach (var (index, head, algorithm, imprint) in prepared.Heads())
            if (_heads.Check(head, algorithm, imprint) is { } why)
                return Result<BatchTokens, SigningRefusal>.Fail(new(SigningFailureReason.LogHeadRefused, $"item {index}: {why}", false));
        return prepared;
    }

    /// <summary>Coordinator: the items of a prepared batch whose run a scheme rejected, stamped again from this node's trusted clock.</summary>
    public Result<BatchTokens, SigningRefusal> Restamp(BatchTokens prepared, IReadOnlyList<int> items)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (!node.ClockHealthy) return Result<BatchTokens, SigningRefusal>.Fail(new(SigningFailureReason.ClockExcluded, "coordinator clock excluded while signing", true));
        return prepared.Restamp(items, node.Now());
    }

    public string? CheckRound(SchemeEpoch key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!node.ClockHealthy) return "clock excluded from signing";
        return CertificateError(key, node.Certificates.For(key.Epoch, key.Scheme));
    }

    public string? Check(SchemeEpoch key, PreparedMessage message)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        var own = node.Certificates.For(key.Epoch, key.Scheme);
        if (CertificateError(key, own) is { } certError) return certError;
        if (TokenCertificate(key, own!, message.Evidence) is not { } cert) return $"hybrid token: no {TsaPolicies.Hybrid.Scheme} certificate installed for the epoch, or ours does not certify the hybrid policy";
        if (!SigningRequestInspector.TryInspect(message.Evidence, message.Message, cert.Certificate.Algorithm,
                out var summary, out var error, cert.Certificate))
            return error;
        var now = node.Now();
        if (TstInfoRules.Check(summary, cert, node.Options.TokenAccuracy, node.Options.GenTimeNetworkAllowance, now) is { } why) return why;
        if (message.Head is { } head && _heads.Check(head, summary.Algorithm, summary.HashedMessage.AsSpan()) is { } headWhy) return headWhy;
        // last, so that only serials of otherwise acceptable TSTInfos take ledger space
        return _serials.TryRecord(summary.Serial, summary.GenTime, now, message.Evidence) ? null : "serial already signed";
    }

    /// <summary>
    /// The certificate the token's SignerInfo is under: this scheme's own, except for the post-quantum
    /// key of a hybrid token, which signs attributes naming the classical scheme's certificate. Null
    /// when that one is missing or ours does not certify the hybrid policy. A TSTInfo that does not
    /// parse is left to the inspector to refuse.
    /// </summary>
    private EpochCertificate? TokenCertificate(SchemeEpoch key, EpochCertificate own, byte[] tstInfo)
    {
        if (TsaPolicies.ByOid(SigningRequestInspector.PolicyOf(tstInfo)) is not { IsHybrid: true } hybrid || hybrid.PostQuantumScheme != key.Scheme) return own;
        return own.Policies.Contains(hybrid.Oid) ? node.Certificates.For(key.Epoch, hybrid.Scheme) : null;
    }

    /// <summary>Coordinator: the epoch's installed certificate of a hybrid policy's post-quantum scheme (the token's second signature).</summary>
    public EpochCertificate? PostQuantumCertificate(int epoch, TsaPolicy hybrid)
    {
        ArgumentNullException.ThrowIfNull(hybrid);
        return hybrid.PostQuantumScheme is { } pq && node.Certificates.For(epoch, pq) is { } cert && cert.Policies.Contains(hybrid.Oid) ? cert : null;
    }

    // A certificate installed before this node held the epoch could not be compared with the group
    // key then; it is compared now, before anything is signed under it.
    private static string? CertificateError(SchemeEpoch key, EpochCertificate? cert) =>
        cert is null ? "no certificate installed for the epoch"
        : !cert.Certificate.PublicKey.AsSpan().SequenceEqual(key.GroupKey.Span) ? "installed certificate does not carry the epoch's group key"
        : null;
}
