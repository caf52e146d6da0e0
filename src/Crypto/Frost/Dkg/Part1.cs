using System.Security.Cryptography;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>
/// Dealerless distributed key generation, t-of-n (RFC 9591 Appendix C / Komlo–Goldberg FROST
/// KeyGen: Pedersen DKG with Feldman commitments and a proof of knowledge of each constant term).
/// No party ever holds the group secret. Part1 → broadcast <see cref="Round1Package"/>; Part2 →
/// send each peer its sealed <see cref="Round2Package"/>; Part3 → <see cref="KeyPackage"/>.
/// </summary>
public static partial class Dealerless
{
    /// <summary>Part 1: a random degree t−1 polynomial, its commitment and the proof of knowledge of a_0.</summary>
    public static (Round1SecretPackage Secret, Round1Package Broadcast) Part1(ParticipantId self, int maxSigners, int minSigners)
    {
        CheckThreshold(minSigners, maxSigners);
        return Part1(self, Polynomial.Random(minSigners, zeroConstant: false), maxSigners);
    }

    /// <summary>Part 1 over a given polynomial (test vectors).</summary>
    internal static (Round1SecretPackage Secret, Round1Package Broadcast) Part1(ParticipantId self, Polynomial polynomial, int maxSigners)
    {
        var commitment = polynomial.Commit();
        var proof = ProveKnowledge(self, polynomial.Coefficient(0), commitment.ConstantTerm);
        return (new Round1SecretPackage(self, polynomial, commitment, polynomial.Threshold, maxSigners),
                new Round1Package(self, commitment, proof));
    }

    /// <summary>Schnorr proof: R = k·B, c = HDKG(id ‖ φ_0 ‖ R), μ = k + a_0·c.</summary>
    private static Signature ProveKnowledge(ParticipantId self, ReadOnlySpan<byte> a0, Point phi0)
    {
        Span<byte> k = stackalloc byte[32];
        Span<byte> mu = stackalloc byte[32];
        try
        {
            Ed25519Group.ScalarRandom(k);
            var r = Ed25519Group.BaseMul(k);
            var c = PokChallenge(self, phi0, r);
            Ed25519Group.ScalarMul(mu, a0, c.Encoding);
            Ed25519Group.ScalarAdd(mu, mu, k);
            return new Signature(r, PublicScalar.FromTrusted(mu));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
        }
    }

    /// <summary>R = μ·B − c·φ_0.</summary>
    internal static bool VerifyKnowledge(Round1Package package)
    {
        var phi0 = package.Commitment.ConstantTerm;
        var pok = package.ProofOfKnowledge;
        var c = PokChallenge(package.Sender, phi0, pok.R);
        return pok.R == Ed25519Group.BaseMul(pok.Z.Encoding) - Ed25519Group.Mul(phi0, c.Encoding);
    }

    private static PublicScalar PokChallenge(ParticipantId id, Point phi0, Point r)
    {
        Span<byte> pre = stackalloc byte[96];
        id.WriteTo(pre);
        phi0.Encoding.CopyTo(pre[32..]);
        r.Encoding.CopyTo(pre[64..]);
        return Ciphersuite.HDkg(pre);
    }

    internal static void CheckThreshold(int minSigners, int maxSigners)
    {
        if (minSigners < 2 || maxSigners < minSigners || maxSigners > ParticipantId.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(minSigners), "Need 2 ≤ t ≤ n ≤ 65535.");
    }
}
