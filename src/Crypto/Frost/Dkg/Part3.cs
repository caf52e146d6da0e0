using System.Collections.Immutable;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost.Dkg;

public static partial class Dealerless
{
    /// <summary>
    /// Part 3: checks every received share against its sender's Feldman commitment. A failing share
    /// is a complaint: the result names every such sender and no key is produced, so the ceremony
    /// aborts cleanly (the caller disposes its secret packages). Otherwise s_i = Σ_j f_j(i), the
    /// group key Σ_j φ_j,0 and every verifying share follow from the commitments alone.
    /// </summary>
    public static Result<(KeyPackage Key, PublicKeyPackage PublicKeys), FrostError> Part3(
        Round2SecretPackage secret, IReadOnlyCollection<Round1Package> round1, IReadOnlyCollection<Round2Package> round2)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(round1);
        ArgumentNullException.ThrowIfNull(round2);
        var checkedR1 = CheckRound1(secret.Identifier, secret.MinSigners, secret.MaxSigners, round1.Select(p => (p.Sender, p.Commitment)));
        if (!checkedR1.TryGet(out var commitments, out var error)) return error.As<(KeyPackage, PublicKeyPackage)>();
        var combined = Combine(secret, commitments, round2);
        if (!combined.TryGet(out var c, out error)) return error.As<(KeyPackage, PublicKeyPackage)>();
        var verifyingKey = c.Sum.ConstantTerm;
        var shares = c.Participants.ToImmutableSortedDictionary(j => j, c.Sum.Evaluate);
        var key = new KeyPackage(secret.Identifier, c.Share, shares[secret.Identifier], verifyingKey, secret.MinSigners);
        return (key, new PublicKeyPackage(shares, verifyingKey, secret.MinSigners));
    }

    /// <summary>Feldman-checks the received shares and sums them with the own share; shared with refresh.</summary>
    internal static Result<(Scalar Share, FeldmanCommitment Sum, IReadOnlyList<ParticipantId> Participants), FrostError> Combine(
        Round2SecretPackage secret, SortedDictionary<ParticipantId, FeldmanCommitment> commitments, IReadOnlyCollection<Round2Package> round2)
    {
        var seen = new HashSet<ParticipantId>();
        var culprits = new List<ParticipantId>();
        foreach (var p in round2)
        {
            if (p.Recipient != secret.Identifier)
                return FrostError.Blame(FrostFailure.WrongRecipient, p.Sender, "round-2 package addressed to another participant").As<(Scalar, FeldmanCommitment, IReadOnlyList<ParticipantId>)>();
            if (!commitments.TryGetValue(p.Sender, out var commitment))
                return FrostError.Blame(FrostFailure.UnknownParticipant, p.Sender, "round-2 package from a participant without a round-1 package").As<(Scalar, FeldmanCommitment, IReadOnlyList<ParticipantId>)>();
            if (!seen.Add(p.Sender))
                return FrostError.Blame(FrostFailure.DuplicateParticipant, p.Sender, "two round-2 packages from one participant").As<(Scalar, FeldmanCommitment, IReadOnlyList<ParticipantId>)>();
            if (!Feldman.Verify(p.Share, secret.Identifier, commitment)) culprits.Add(p.Sender);
        }
        if (culprits.Count > 0)
            return FrostError.Blame(FrostFailure.InvalidSecretShare, culprits, "secret share fails the Feldman check against its sender's commitment").As<(Scalar, FeldmanCommitment, IReadOnlyList<ParticipantId>)>();
        if (seen.Count != commitments.Count)
            return FrostError.Blame(FrostFailure.IncorrectNumberOfParticipants, commitments.Keys.Where(k => !seen.Contains(k)).ToArray(), "no round-2 package from these participants").As<(Scalar, FeldmanCommitment, IReadOnlyList<ParticipantId>)>();

        var share = secret.OwnShare.Clone();
        foreach (var p in round2) Ed25519Group.ScalarAdd(share.Writable, share.Secret, p.Share.Secret);
        var sum = FeldmanCommitment.Sum(commitments.Values.Append(secret.Commitment));
        var participants = commitments.Keys.Append(secret.Identifier).Order().ToArray();
        return (share, sum, (IReadOnlyList<ParticipantId>)participants);
    }
}
