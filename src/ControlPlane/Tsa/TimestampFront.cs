using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// What both fronts do with a DER TimeStampReq: parse and check it, refuse it with a rejection
/// reply, or have it issued (micro-batched, signed, recorded) by <see cref="IssuanceService"/>.
/// HTTP (<see cref="TsaEndpoints"/>) and the bus (<see cref="TimestampRequestedConsumer"/>) only
/// adapt transport.
/// </summary>
public sealed class TimestampFront(IssuanceService issuance, TsaPolicySet policies, ILogger<TimestampFront> logger)
{
    /// <summary>The issued, durable token (send its ResponseDer), or why none was issued.</summary>
    public async Task<Result<SignedTimestamp, FrontRefusal>> HandleAsync(Guid requestId, ReadOnlyMemory<byte> requestDer, CancellationToken cancellationToken)
    {
        if (!TimeStampRequestParser.TryParse(requestDer.Span, policies, out var request, out var rejection))
        {
            TsaLog.Rejected(logger, rejection.FailInfo.ToString());
            return Result<SignedTimestamp, FrontRefusal>.Fail(new FrontRefusal(rejection, Unavailable: false));
        }

        var issued = await issuance.IssueAsync(new ValidatedRequest(requestId, requestDer, request), cancellationToken).ConfigureAwait(false);
        return issued.TryGet(out var token, out var why)
            ? token
            : Result<SignedTimestamp, FrontRefusal>.Fail(new FrontRefusal(RejectionRenderer.For(why), Unavailable: true));
    }
}
