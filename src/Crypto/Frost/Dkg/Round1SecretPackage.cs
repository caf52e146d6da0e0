using System.ComponentModel;
using CcTsa.Crypto.Sharing;
using Polynomial = CcTsa.Crypto.Sharing.Polynomial<CcTsa.Crypto.Ed25519.Ed25519PrimeOrderGroup, CcTsa.Crypto.Ed25519.Point>;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>What a participant keeps between DKG (or refresh) part 1 and part 2: its secret polynomial. Wiped on Dispose.</summary>
public sealed class Round1SecretPackage : IDisposable
{
    internal Round1SecretPackage(ParticipantId identifier, Polynomial polynomial, FeldmanCommitment commitment, int minSigners, int maxSigners, byte[]? context = null)
    {
        Context = context ?? [];
        Identifier = identifier;
        Polynomial = polynomial;
        Commitment = commitment;
        MinSigners = minSigners;
        MaxSigners = maxSigners;
    }

    public ParticipantId Identifier { get; }

    internal Polynomial Polynomial { get; }

    public FeldmanCommitment Commitment { get; }

    public int MinSigners { get; }

    public int MaxSigners { get; }

    /// <summary>The ceremony binding the proofs of knowledge are checked against (empty: unbound, RFC 9591).</summary>
    internal byte[] Context { get; }

    public void Dispose() => Polynomial.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"Round1SecretPackage({Identifier}, [redacted])";
}
