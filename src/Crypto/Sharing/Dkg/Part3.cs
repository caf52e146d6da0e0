using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Sharing.Dkg;

internal static partial class PedersenDkg<TGroup, TPoint>
{
    /// <summary>
    /// Part 3 (and the share step of a refresh): Feldman-checks every received share against its
    /// dealer's commitment — every failing dealer is named together, a complaint, and no share is
    /// produced — then s_i = f_i(i) + Σ_j f_j(i) into fresh secret memory, the coefficient-wise sum of
    /// all commitments (which gives the group key and every public share) and the sorted participants.
    /// </summary>
    public static Result<(SecretHandle Share, TPoint[] Sum, ParticipantId[] Participants), DkgFault> Part3<TShare>(
        ParticipantId self, ReadOnlySpan<byte> ownShare, IReadOnlyList<TPoint> ownCommitment,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<TPoint>> peerCommitments, IEnumerable<TShare> received)
        where TShare : ISharePackage
    {
        ArgumentNullException.ThrowIfNull(ownCommitment);
        ArgumentNullException.ThrowIfNull(peerCommitments);
        ArgumentNullException.ThrowIfNull(received);
        var shares = received.ToList();
        var seen = new HashSet<ParticipantId>();
        var culprits = new List<ParticipantId>();
        foreach (var p in shares)
        {
            if (p.Recipient != self)
                return Fail(DkgFault.Blame(DkgFaultKind.WrongRecipient, p.Sender, "round-2 share addressed to another participant"));
            if (p.Sender == self || !peerCommitments.TryGetValue(p.Sender, out var commitment))
                return Fail(DkgFault.Blame(DkgFaultKind.UnknownParticipant, p.Sender, "round-2 share from a participant without a round-1 package"));
            if (!seen.Add(p.Sender))
                return Fail(DkgFault.Blame(DkgFaultKind.DuplicateParticipant, p.Sender, "two round-2 shares from one participant"));
            if (!TGroup.IsCanonicalScalar(p.Secret) || !FeldmanVss<TGroup, TPoint>.Verify(p.Secret, self, commitment)) culprits.Add(p.Sender);
        }
        if (culprits.Count > 0)
            return Fail(DkgFault.Blame(DkgFaultKind.InvalidSecretShare, culprits, $"{TGroup.Name} secret share fails the Feldman check against its dealer's commitment"));
        if (seen.Count != peerCommitments.Count)
            return Fail(DkgFault.Blame(DkgFaultKind.IncorrectNumberOfParticipants, [.. peerCommitments.Keys.Where(k => !seen.Contains(k)).Order()], "no round-2 share from these participants"));

        var share = SecretHandle.CopyOf(ownShare);
        foreach (var p in shares) TGroup.ScalarAdd(share.Span, share.Span, p.Secret);
        var sum = FeldmanVss<TGroup, TPoint>.Sum(peerCommitments.Values.Append(ownCommitment));
        ParticipantId[] participants = [.. peerCommitments.Keys.Append(self).Order()];
        return (share, sum, participants);
    }

    /// <summary>Y_j = Σ_k j^k·C_k for every participant: the public shares, from the summed commitments alone.</summary>
    public static SortedDictionary<ParticipantId, TPoint> PublicShares(TPoint[] sum, IEnumerable<ParticipantId> participants) =>
        new(participants.ToDictionary(j => j, j => FeldmanVss<TGroup, TPoint>.Evaluate(sum, j)));

    private static Result<(SecretHandle, TPoint[], ParticipantId[]), DkgFault> Fail(DkgFault fault) => fault.As<(SecretHandle, TPoint[], ParticipantId[])>();
}
