using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// `cctsa audit verify` and /api/audit/verify: re-walks the stored chain and reports
/// {ok, events, firstBad}.
/// </summary>
public sealed class AuditVerifier(IEventLog log)
{
    public Task<ChainVerification> VerifyAsync(CancellationToken ct = default) => log.VerifyChainAsync(ct);
}
