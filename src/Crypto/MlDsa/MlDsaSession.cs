using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// One run of the three-round protocol: the signing round, the run number within it (every retry
/// is a new run with fresh nonces) and the signer set. Its bytes are bound into every commitment,
/// so a commitment cannot be replayed into another run or signer set (the reference binds neither).
/// </summary>
public sealed record MlDsaSession(RoundId Round, int Run, SignerSet Signers)
{
    internal byte[] Binding()
    {
        var b = new byte[16 + 4 + 1];
        Round.Value.TryWriteBytes(b);
        BitConverter.TryWriteBytes(b.AsSpan(16), Run);
        b[20] = Signers.Mask;
        return b;
    }
}
