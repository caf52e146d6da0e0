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
    public async Task<FrontReply> HandleAsync(Guid requestId, ReadOnlyMemory<byte> requestDer, CancellationToken cancellationToken)
    {
        if (!TimeStampRequestParser.TryParse(requestDer.Span, policies, out var request, out var rejection))
        {
            TsaLog.Rejected(logger, rejection.FailInfo.ToString());
            return new FrontReply(FrontVerdict.Rejected, RejectionRenderer.Render(rejection), null, rejection);
        }

        var result = await issuance.IssueAsync(new ValidatedRequest(requestId, requestDer, request), cancellationToken).ConfigureAwait(false);
        if (result.Token is { } token)
            return new FrontReply(FrontVerdict.Granted, token.ResponseDer, token, null);

        var unavailable = RejectionRenderer.For(result.Unavailable!.Value);
        return new FrontReply(FrontVerdict.Unavailable, RejectionRenderer.Render(unavailable), null, unavailable);
    }
}
