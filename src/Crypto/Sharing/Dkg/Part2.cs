using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.Sharing.Dkg;

internal static partial class PedersenDkg<TGroup, TPoint>
{
    /// <summary>
    /// Part 2 checks of the peers' round-1 commitments: one package from each of the n − 1 peers
    /// (from <paramref name="peers"/> when the protocol fixes the set), none from this participant,
    /// no repeat, exactly t valid coefficients (null = did not decode), and for a refresh a zero
    /// constant term. The first offending package names its sender.
    /// </summary>
    public static Result<SortedDictionary<ParticipantId, IReadOnlyList<TPoint>>, DkgFault> CheckRound1(
        ParticipantId self, int threshold, int maxSigners, IReadOnlySet<ParticipantId>? peers, bool zeroConstant,
        IEnumerable<(ParticipantId Sender, IReadOnlyList<TPoint>? Commitment)> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var byId = new SortedDictionary<ParticipantId, IReadOnlyList<TPoint>>();
        foreach (var (sender, commitment) in received)
        {
            if (sender == self || (peers is not null && !peers.Contains(sender)))
                return Blame(DkgFaultKind.UnknownParticipant, sender, "a round-1 package from a participant that is not a peer of this round");
            if (byId.ContainsKey(sender))
                return Blame(DkgFaultKind.DuplicateParticipant, sender, "two round-1 packages from one participant");
            if (commitment is null)
                return Blame(DkgFaultKind.InvalidCommitment, sender, $"a commitment coefficient is not a valid {TGroup.Name} point");
            if (commitment.Count != threshold)
                return Blame(DkgFaultKind.InvalidCommitment, sender, $"commitment has {commitment.Count} coefficients, expected {threshold}");
            if (zeroConstant != TGroup.IsIdentity(commitment[0]))
                return Blame(DkgFaultKind.InvalidCommitment, sender, zeroConstant ? "a refresh commitment has a non-zero constant term" : "the constant term commits to zero");
            byId.Add(sender, commitment);
        }
        if (byId.Count != maxSigners - 1)
            return DkgFault.Blame(DkgFaultKind.IncorrectNumberOfParticipants, MissingPeers(peers, byId), $"{byId.Count} round-1 packages, expected {maxSigners - 1}")
                .As<SortedDictionary<ParticipantId, IReadOnlyList<TPoint>>>();
        return byId;
    }

    /// <summary>Every proof of knowledge; all failing senders are named together (null when all verify).</summary>
    public static DkgFault? CheckProofs(IEnumerable<(ParticipantId Sender, TPoint Phi0, SchnorrProof<TPoint>? Proof)> received, PokChallenge<TPoint> challenge)
    {
        ArgumentNullException.ThrowIfNull(received);
        var bad = received.Where(p => !VerifyKnowledge(p.Sender, p.Phi0, p.Proof, challenge)).Select(p => p.Sender).ToArray();
        return bad.Length == 0 ? null : DkgFault.Blame(DkgFaultKind.InvalidProofOfKnowledge, bad, "proof of knowledge of the constant term fails");
    }

    private static ParticipantId[] MissingPeers(IReadOnlySet<ParticipantId>? peers, SortedDictionary<ParticipantId, IReadOnlyList<TPoint>> byId) =>
        peers is null ? [] : [.. peers.Where(p => !byId.ContainsKey(p)).Order()];

    private static Result<SortedDictionary<ParticipantId, IReadOnlyList<TPoint>>, DkgFault> Blame(DkgFaultKind kind, ParticipantId sender, string detail) =>
        DkgFault.Blame(kind, sender, detail).As<SortedDictionary<ParticipantId, IReadOnlyList<TPoint>>>();
}
