using System.Security.Cryptography;

namespace CcTsa.Crypto.Sharing.Dkg;

/// <summary>
/// The Pedersen DKG with Feldman commitments and proofs of knowledge (Komlo–Goldberg FROST KeyGen,
/// RFC 9591 Appendix C), once for every prime-order group: FROST-Ed25519 and DKLs23 P-384 wrap these
/// steps with their own messages, wire formats, challenges and errors. Part 1: commit to a secret
/// polynomial and prove knowledge of its constant term, so no dealer can pick a_0 as a function of
/// the others' (rogue key).
/// </summary>
internal static partial class PedersenDkg<TGroup, TPoint>
    where TGroup : IPrimeOrderGroup<TPoint>
    where TPoint : notnull
{
    /// <summary>φ_k = a_k·G for every coefficient, and the proof of knowledge of a_0.</summary>
    public static (TPoint[] Commitment, SchnorrProof<TPoint> Proof) Part1(ParticipantId self, Polynomial<TGroup, TPoint> polynomial, PokChallenge<TPoint> challenge)
    {
        ArgumentNullException.ThrowIfNull(polynomial);
        ArgumentNullException.ThrowIfNull(challenge);
        var commitment = polynomial.Commit();
        return (commitment, ProveKnowledge(self, polynomial.Coefficient(0), commitment[0], challenge));
    }

    /// <summary>Schnorr: R = k·G, c = challenge(id, φ_0, R), z = k + a_0·c.</summary>
    private static SchnorrProof<TPoint> ProveKnowledge(ParticipantId self, ReadOnlySpan<byte> a0, TPoint phi0, PokChallenge<TPoint> challenge)
    {
        Span<byte> k = stackalloc byte[TGroup.ScalarSize];
        Span<byte> a0c = stackalloc byte[TGroup.ScalarSize];
        try
        {
            TGroup.ScalarRandom(k);
            var r = TGroup.BaseMul(k);
            var c = challenge(self, phi0, r);
            TGroup.ScalarMul(a0c, a0, c);
            var z = new byte[TGroup.ScalarSize]; // public once k masks a_0·c
            TGroup.ScalarAdd(z, a0c, k);
            return new SchnorrProof<TPoint>(r, z);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
            CryptographicOperations.ZeroMemory(a0c);
        }
    }

    /// <summary>R == z·G − c·φ_0, the challenge computed by the verifier over its own context (never the sender's).</summary>
    public static bool VerifyKnowledge(ParticipantId sender, TPoint phi0, SchnorrProof<TPoint>? proof, PokChallenge<TPoint> challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (proof is null || !TGroup.IsCanonicalScalar(proof.Z)) return false;
        var c = challenge(sender, phi0, proof.R);
        var minusC = new byte[TGroup.ScalarSize];
        TGroup.ScalarSub(minusC, new byte[TGroup.ScalarSize], c);
        // z, c, φ_0 and R are all public: one variable-time two-term multiplication
        return TGroup.PointEquals(proof.R, TGroup.SumPublic([proof.Z, minusC], [TGroup.Generator, phi0]));
    }
}
