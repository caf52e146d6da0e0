using CcTsa.Crypto.Common;
using CcTsa.Crypto.Sharing;

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
        var commitments = CheckRound1(secret.Identifier, secret.MinSigners, secret.MaxSigners, received.Select(p => (p.Sender, p.Commitment)));
        if (!commitments.TryGet(out var byId, out var error)) return error.As<(Round2SecretPackage, IReadOnlyList<Round2Package>)>();
        var bad = received.Where(p => !VerifyKnowledge(p, secret.Context)).Select(p => p.Sender).ToArray();
        if (bad.Length > 0)
            return FrostError.Blame(FrostFailure.InvalidProofOfKnowledge, bad, "proof of knowledge of the constant term fails").As<(Round2SecretPackage, IReadOnlyList<Round2Package>)>();
        return Distribute(secret, byId.Keys);
    }

    /// <summary>Counts, duplicates, self-packages and coefficient counts of the round-1 commitments.</summary>
    internal static Result<SortedDictionary<ParticipantId, FeldmanCommitment>, FrostError> CheckRound1(
        ParticipantId self, int minSigners, int maxSigners, IEnumerable<(ParticipantId Sender, FeldmanCommitment Commitment)> received)
    {
        var byId = new SortedDictionary<ParticipantId, FeldmanCommitment>();
        foreach (var (sender, commitment) in received)
        {
            if (sender == self)
                return FrostError.Blame(FrostFailure.UnknownParticipant, sender, "a round-1 package claims to come from this participant").As<SortedDictionary<ParticipantId, FeldmanCommitment>>();
            if (!byId.TryAdd(sender, commitment))
                return FrostError.Blame(FrostFailure.DuplicateParticipant, sender, "two round-1 packages from one participant").As<SortedDictionary<ParticipantId, FeldmanCommitment>>();
            if (commitment.Threshold != minSigners)
                return FrostError.Blame(FrostFailure.InvalidCommitment, sender, $"commitment has {commitment.Threshold} coefficients, expected {minSigners}").As<SortedDictionary<ParticipantId, FeldmanCommitment>>();
        }
        if (byId.Count != maxSigners - 1)
            return FrostError.Of(FrostFailure.IncorrectNumberOfParticipants, $"{byId.Count} round-1 packages, expected {maxSigners - 1}").As<SortedDictionary<ParticipantId, FeldmanCommitment>>();
        return byId;
    }

    internal static Result<(Round2SecretPackage Secret, IReadOnlyList<Round2Package> Outgoing), FrostError> Distribute(
        Round1SecretPackage secret, IEnumerable<ParticipantId> peers)
    {
        var outgoing = peers.Select(j => new Round2Package(secret.Identifier, j, secret.Polynomial.Evaluate(j))).ToList();
        var own = new Round2SecretPackage(secret.Identifier, secret.Commitment, secret.Polynomial.Evaluate(secret.Identifier),
            secret.MinSigners, secret.MaxSigners);
        return (own, (IReadOnlyList<Round2Package>)outgoing);
    }
}
