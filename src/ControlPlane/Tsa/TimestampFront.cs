using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// What both fronts do with a DER TimeStampReq: parse and check it, refuse it with a rejection
/// reply, or have it issued (micro-batched, signed, recorded) by <see cref="IssuanceService"/>.
/// HTTP (<see cref="TsaEndpoints"/>) and the bus (<see cref="TimestampRequestedConsumer"/>) only
/// adapt transport. Nothing is issued while the audit log is broken (<see cref="AuditChainStatus"/>).
/// Each request's policy is its reqPolicy or the default; a policy not offered is refused with
/// unacceptedPolicy, one the fleet has no key or certificate for yet (<see cref="IPolicyAvailability"/>)
/// with systemFailure and HTTP 503 (retry later).
/// </summary>
public sealed class TimestampFront(IssuanceService issuance, TsaPolicySet policies, ILogger<TimestampFront> logger, AuditChainStatus? chain = null,
    IPolicyAvailability? availability = null)
{
    /// <summary>The issued, durable token (send its ResponseDer), or why none was issued.</summary>
    public Task<Result<SignedTimestamp, FrontRefusal>> HandleAsync(Guid requestId, ReadOnlyMemory<byte> requestDer, CancellationToken cancellationToken) =>
        HandleAsync(requestId, requestDer, null, cancellationToken);

    /// <summary>
    /// As above for a request that time-stamps a transparency-log tree head (<paramref name="head"/>,
    /// null for any other request): the head travels with it to the signers, who refuse unless the
    /// request's imprint is that head's and its size does not go back.
    /// </summary>
    public async Task<Result<SignedTimestamp, FrontRefusal>> HandleAsync(Guid requestId, ReadOnlyMemory<byte> requestDer, LogHead? head,
        CancellationToken cancellationToken)
    {
        if (!TimeStampRequestParser.TryParse(requestDer.Span, policies, out var request, out var rejection))
        {
            TsaLog.Rejected(logger, rejection.FailInfo.ToString());
            return Result<SignedTimestamp, FrontRefusal>.Fail(new FrontRefusal(rejection, Unavailable: false));
        }

        // a broken audit log stops everything, whatever the policy
        if (chain?.Rejection is { } broken)
            return Result<SignedTimestamp, FrontRefusal>.Fail(new FrontRefusal(broken, Unavailable: true));

        // a policy this TSA offers whose key or certificate is not there yet (the first DKG, a re-key:
        // the ECDSA certificate follows the FROST one by a CSR round) is a temporary state, answered like
        // every other one (systemFailure, HTTP 503: retry); unacceptedPolicy stays for policies never offered
        if (availability is not null && TsaPolicies.ByOid(request.Policy) is { } policy && availability.Unavailable(policy) is { } why)
        {
            TsaLog.Rejected(logger, PkiFailureInfo.SystemFailure.ToString());
            return Result<SignedTimestamp, FrontRefusal>.Fail(new FrontRefusal(new TimestampRejection(PkiFailureInfo.SystemFailure, why + "; retry later"), Unavailable: true));
        }

        var issued = await issuance.IssueAsync(new ValidatedRequest(requestId, requestDer, request, head), cancellationToken).ConfigureAwait(false);
        return issued.TryGet(out var token, out var notIssued)
            ? token
            : Result<SignedTimestamp, FrontRefusal>.Fail(new FrontRefusal(RejectionRenderer.For(notIssued), Unavailable: true));
    }
}
