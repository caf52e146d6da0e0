using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Purposes;

/// <summary>
/// Purpose "rfc3161": the message is the signed attributes of a TSTInfo (the evidence). A node
/// signs only while its clock is healthy and the epoch's certificate is installed, and checks
/// that the attributes name that certificate and the TSTInfo's digest, that the policy is offered
/// and that genTime is within accuracy of its own trusted clock. As coordinator it builds them.
/// </summary>
internal sealed class Rfc3161Purpose(NodeContext node) : ISigningPurpose
{
    public const string Name = "rfc3161";

    string ISigningPurpose.Name => Name;

    /// <summary>
    /// Coordinator: the batch's TSTInfos and signed attributes with fresh serials and genTime from
    /// this node's trusted clock. The pipeline calls it again before every retry, so a token carries
    /// the time it is really signed at.
    /// </summary>
    public Result<BatchTokens, SigningRefusal> Prepare(SignTimestampBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return node.Certificates.For(batch.Epoch.Number) is { } cert
            ? BatchTokens.Prepare(batch, cert, node.Now())
            : Result<BatchTokens, SigningRefusal>.Fail(SigningRefusal.EpochUnavailable("no certificate installed for the epoch"));
    }

    public string? CheckRound(SchemeEpoch key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!node.ClockHealthy) return "clock excluded from signing";
        return node.Certificates.For(key.Epoch) is null ? "no certificate installed for the epoch" : null;
    }

    public string? Check(SchemeEpoch key, PreparedMessage message)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (node.Certificates.For(key.Epoch) is not { } cert) return "no certificate installed for the epoch";
        if (!SigningRequestInspector.TryInspect(message.Evidence, message.Message, cert.Certificate.Algorithm,
                out var summary, out var error, cert.Certificate))
            return error;
        if (!cert.Policies.Contains(summary.Policy)) return "policy not offered";
        var lag = node.Now() - summary.GenTime;
        if (lag > cert.Accuracy + node.Options.GenTimeWindow) return "genTime too far in the past for this node's clock";
        if (-lag > cert.Accuracy) return "genTime ahead of this node's clock";
        return null;
    }
}
