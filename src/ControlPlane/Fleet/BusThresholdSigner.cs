using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// <see cref="IThresholdSigner"/> over the bus (the CSR's proof of possession): SignRawMessage
/// through the one <see cref="SigningFailover"/>. Below quorum is a value for the caller.
/// </summary>
public sealed class BusThresholdSigner(SigningFailover failover) : IThresholdSigner
{
    public const string CsrPurpose = "csr";

    public async Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var bytes = message.ToArray();
        var signed = await failover.SignAsync<SignRawMessage, RawMessageSigned>(epoch,
            (round, avoid) => new SignRawMessage(round, epoch, CsrPurpose, bytes, avoid), cancellationToken).ConfigureAwait(false);
        return signed.TryGet(out var s, out var why) ? s.Signature : Result<byte[], SigningUnavailable>.Fail(why);
    }
}
