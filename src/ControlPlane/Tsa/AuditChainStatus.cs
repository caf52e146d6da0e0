using System.Globalization;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Whether the audit log passed its start-up verification. While it is broken the front refuses
/// every request (HTTP 503, failInfo systemFailure, the reason naming the broken log): a token
/// recorded onto a log that cannot be trusted would prove nothing. Set by the start-up check
/// (Audit.AuditChainGuard); intact until then.
/// </summary>
public sealed class AuditChainStatus
{
    private volatile TimestampRejection? _rejection;

    public bool Broken => _rejection is not null;

    /// <summary>The rejection every request gets while the log is broken; null when intact.</summary>
    public TimestampRejection? Rejection => _rejection;

    public void MarkBroken(long firstBad) => _rejection = new TimestampRejection(PkiFailureInfo.SystemFailure,
        string.Create(CultureInfo.InvariantCulture, $"the TSA's audit log is broken (failed verification at sequence {firstBad}); no token is issued until an operator restores it"));

    public void MarkIntact() => _rejection = null;
}
