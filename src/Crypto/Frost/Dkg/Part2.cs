using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Frost.Dkg;

public static partial class Dealerless
{
    /// <summary>
    /// Part 2: checks every peer's round-1 package (one per other participant, t coefficients,
    /// valid proof of knowledge — a bad one names its sender) and computes the secret share
    /// f_self(j) for each peer j. The outgoing packages must be sealed before they leave.
    /// </summary>
    public static Result<(Round2SecretPackage Secret, IReadOnlyList<Round2Package> Outgoing), FrostError> Part2(
        Round1SecretPackage secret, IReadOnlyCollection<Round1Package> received)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(received);
        var commitments = CheckRound1(secret.Identifier, secret.MinSigners, secret.MaxSigners, zeroConstant: false, received.Select(p => (p.Sender, p.Commitment)));
        if (!commitments.TryGet(out var byId, out var error)) return error.As<(Round2SecretPackage, IReadOnlyList<Round2Package>)>();
        var proofs = PedersenDkg<Ed25519PrimeOrderGroup, Point>.CheckProofs(
            received.Select(p => (p.Sender, p.Commitment.ConstantTerm, (SchnorrProof<Point>?)Proof(p))), Challenge(secret.Context));
        if (proofs is not null) return FrostError.From(proofs).As<(Round2SecretPackage, IReadOnlyList<Round2Package>)>();
        return Distribute(secret, byId.Keys);
    }

    /// <summary>Counts, duplicates, self-packages, coefficient counts (and for a refresh the zero constant) of the round-1 commitments.</summary>
    internal static Result<SortedDictionary<ParticipantId, IReadOnlyList<Point>>, FrostError> CheckRound1(
        ParticipantId self, int minSigners, int maxSigners, bool zeroConstant, IEnumerable<(ParticipantId Sender, FeldmanCommitment Commitment)> received)
    {
        var r = PedersenDkg<Ed25519PrimeOrderGroup, Point>.CheckRound1(self, minSigners, maxSigners, peers: null, zeroConstant,
            received.Select(p => (p.Sender, (IReadOnlyList<Point>?)p.Commitment.Coefficients)));
        return r.TryGet(out var byId, out var fault) ? byId : FrostError.From(fault).As<SortedDictionary<ParticipantId, IReadOnlyList<Point>>>();
    }

    internal static Result<(Round2SecretPackage Secret, IReadOnlyList<Round2Package> Outgoing), FrostError> Distribute(
        Round1SecretPackage secret, IEnumerable<ParticipantId> peers)
    {
        var outgoing = peers.Select(j => new Round2Package(secret.Identifier, j, Scalar.Adopt(secret.Polynomial.Evaluate(j)))).ToList();
        var own = new Round2SecretPackage(secret.Identifier, secret.Commitment, Scalar.Adopt(secret.Polynomial.Evaluate(secret.Identifier)),
            secret.MinSigners, secret.MaxSigners);
        return (own, (IReadOnlyList<Round2Package>)outgoing);
    }
}
