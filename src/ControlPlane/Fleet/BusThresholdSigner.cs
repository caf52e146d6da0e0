using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// <see cref="IThresholdSigner"/> over the bus (the CSR's proof of possession): SignRawMessage
/// through the one <see cref="SigningFailover"/>, with the scheme whose key signs (SignRawMessage.Scheme).
/// Below quorum is a value for the caller.
/// </summary>
public sealed class BusThresholdSigner(SigningFailover failover, FleetOptions options) : IThresholdSigner
{
    public const string CsrPurpose = "csr";

    public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        SignAsync(epoch, CeremonyRunner.Scheme, message, cancellationToken);

    public async Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, string scheme, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        var bytes = message.ToArray();
        var signed = await failover.SignAsync<SignRawMessage, RawMessageSigned>(epoch,
            (round, avoid) => new SignRawMessage(round, epoch, CsrPurpose, bytes, avoid, scheme), SigningWait.ForScheme(scheme, options), cancellationToken).ConfigureAwait(false);
        return signed.TryGet(out var s, out var why) ? s.Signature : Result<byte[], SigningUnavailable>.Fail(why);
    }
}
