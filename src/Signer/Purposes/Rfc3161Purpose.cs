using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Purposes;

/// <summary>
/// Purpose "rfc3161": the message is the signed attributes of a TSTInfo (the evidence). A node
/// signs only while its clock is healthy and the epoch's certificate is installed and carries the
/// group key. It checks that the signed attributes are exactly content-type, message-digest (of
/// this TSTInfo) and signing-certificate-v2 (naming that certificate), that the TSTInfo passes
/// <see cref="TstInfoRules"/> against its own clock and accuracy, and that it never signed the
/// serial before. As coordinator it builds them.
/// </summary>
internal sealed class Rfc3161Purpose(NodeContext node) : ISigningPurpose
{
    public const string Name = "rfc3161";

    private readonly SerialLedger _serials = new(node.Options.TokenAccuracy + node.Options.GenTimeNetworkAllowance);

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
        // the TSTInfo policy is the batch's: it must be the policy its scheme's certificate was installed with
        if (batch.Policy is { } policy && policy != cert.Policies.Default)
            return Result<BatchTokens, SigningRefusal>.Fail(SigningRefusal.Request($"policy {policy} is not the epoch's {scheme} policy"));
        return BatchTokens.Prepare(batch, cert, node.Now());
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
        var cert = node.Certificates.For(key.Epoch, key.Scheme);
        if (CertificateError(key, cert) is { } certError) return certError;
        if (!SigningRequestInspector.TryInspect(message.Evidence, message.Message, cert!.Certificate.Algorithm,
                out var summary, out var error, cert.Certificate))
            return error;
        var now = node.Now();
        if (TstInfoRules.Check(summary, cert, node.Options.TokenAccuracy, node.Options.GenTimeNetworkAllowance, now) is { } why) return why;
        // last, so that only serials of otherwise acceptable TSTInfos take ledger space
        return _serials.TryRecord(summary.Serial, summary.GenTime, now) ? null : "serial already signed";
    }

    // A certificate installed before this node held the epoch could not be compared with the group
    // key then; it is compared now, before anything is signed under it.
    private static string? CertificateError(SchemeEpoch key, EpochCertificate? cert) =>
        cert is null ? "no certificate installed for the epoch"
        : !cert.Certificate.PublicKey.AsSpan().SequenceEqual(key.GroupKey.Span) ? "installed certificate does not carry the epoch's group key"
        : null;
}
