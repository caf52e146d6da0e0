using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;
using Polynomial = CcTsa.Crypto.Sharing.Polynomial<CcTsa.Crypto.Ed25519.Ed25519PrimeOrderGroup, CcTsa.Crypto.Ed25519.Point>;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>
/// Dealerless distributed key generation, t-of-n (RFC 9591 Appendix C / Komlo–Goldberg FROST
/// KeyGen: Pedersen DKG with Feldman commitments and a proof of knowledge of each constant term).
/// No party ever holds the group secret. Part1 → broadcast <see cref="Round1Package"/>; Part2 →
/// send each peer its sealed <see cref="Round2Package"/>; Part3 → <see cref="KeyPackage"/>. The
/// algebra is <see cref="PedersenDkg{TGroup, TPoint}"/>'s over Ed25519; this class keeps the FROST
/// messages, wire format, HDKG challenge and errors.
/// </summary>
public static partial class Dealerless
{
    /// <summary>
    /// Part 1, unbound: the proof of knowledge binds only the participant id, exactly as in RFC 9591
    /// Appendix C, so the published DKG vectors reproduce. A package made this way can be replayed
    /// into any other ceremony: signers use the <see cref="CeremonyBinding"/> overload.
    /// </summary>
    public static (Round1SecretPackage Secret, Round1Package Broadcast) Part1(ParticipantId self, int maxSigners, int minSigners)
    {
        CheckThreshold(minSigners, maxSigners);
        return Part1(self, Polynomial.Random(minSigners, zeroConstant: false), maxSigners, []);
    }

    /// <summary>
    /// Part 1, bound to one ceremony: t, n and the participant set come from <paramref name="binding"/>,
    /// and the proof-of-knowledge challenge covers the binding's encoding, so the round-1 package
    /// verifies only in this ceremony (not in an older one, another epoch, or with other parameters).
    /// </summary>
    public static (Round1SecretPackage Secret, Round1Package Broadcast) Part1(ParticipantId self, CeremonyBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (!binding.Includes(self)) throw new ArgumentException("This participant is not part of the ceremony.", nameof(binding));
        CheckThreshold(binding.Threshold, binding.MaxSigners);
        return Part1(self, Polynomial.Random(binding.Threshold, zeroConstant: false), binding.MaxSigners, binding.Encoding.ToArray());
    }

    /// <summary>Part 1 over a given polynomial (test vectors: empty <paramref name="context"/>).</summary>
    internal static (Round1SecretPackage Secret, Round1Package Broadcast) Part1(ParticipantId self, Polynomial polynomial, int maxSigners, byte[]? context = null)
    {
        context ??= [];
        var (points, proof) = PedersenDkg<Ed25519PrimeOrderGroup, Point>.Part1(self, polynomial, Challenge(context));
        var commitment = new FeldmanCommitment([.. points]);
        return (new Round1SecretPackage(self, polynomial, commitment, polynomial.Threshold, maxSigners, context),
                new Round1Package(self, commitment, new Signature(proof.R, PublicScalar.FromTrusted(proof.Z))));
    }

    /// <summary>R = μ·B − c·φ_0, with the challenge over the verifier's own <paramref name="context"/> (never the sender's).</summary>
    internal static bool VerifyKnowledge(Round1Package package, ReadOnlySpan<byte> context) =>
        PedersenDkg<Ed25519PrimeOrderGroup, Point>.VerifyKnowledge(package.Sender, package.Commitment.ConstantTerm, Proof(package), Challenge(context.ToArray()));

    internal static SchnorrProof<Point> Proof(Round1Package package) =>
        new(package.ProofOfKnowledge.R, package.ProofOfKnowledge.Z.ToArray());

    /// <summary>c = HDKG(id ‖ φ_0 ‖ R ‖ context): an empty context gives the RFC 9591 preimage byte for byte, so the vectors keep passing.</summary>
    internal static PokChallenge<Point> Challenge(byte[] context) => (id, phi0, r) =>
    {
        var pre = new byte[96 + context.Length];
        id.WriteTo(pre);
        phi0.Encoding.CopyTo(pre.AsSpan(32));
        r.Encoding.CopyTo(pre.AsSpan(64));
        context.CopyTo(pre.AsSpan(96));
        return Ciphersuite.HDkg(pre).ToArray();
    };

    internal static void CheckThreshold(int minSigners, int maxSigners)
    {
        if (minSigners < 2 || maxSigners < minSigners || maxSigners > ParticipantId.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(minSigners), "Need 2 ≤ t ≤ n ≤ 65535.");
    }
}
