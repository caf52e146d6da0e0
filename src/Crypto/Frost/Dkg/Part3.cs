using System.Collections.Immutable;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

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
        var checkedR1 = CheckRound1(secret.Identifier, secret.MinSigners, secret.MaxSigners, zeroConstant: false, round1.Select(p => (p.Sender, p.Commitment)));
        if (!checkedR1.TryGet(out var commitments, out var error)) return error.As<(KeyPackage, PublicKeyPackage)>();
        var combined = Combine(secret, commitments, round2);
        if (!combined.TryGet(out var c, out error)) return error.As<(KeyPackage, PublicKeyPackage)>();
        var verifyingKey = c.Sum[0];
        var shares = PedersenDkg<Ed25519PrimeOrderGroup, Point>.PublicShares(c.Sum, c.Participants).ToImmutableSortedDictionary();
        var key = new KeyPackage(secret.Identifier, c.Share, shares[secret.Identifier], verifyingKey, secret.MinSigners);
        return (key, new PublicKeyPackage(shares, verifyingKey, secret.MinSigners));
    }

    /// <summary>Feldman-checks the received shares and sums them with the own share; shared with refresh.</summary>
    internal static Result<(Scalar Share, Point[] Sum, IReadOnlyList<ParticipantId> Participants), FrostError> Combine(
        Round2SecretPackage secret, SortedDictionary<ParticipantId, IReadOnlyList<Point>> commitments, IReadOnlyCollection<Round2Package> round2)
    {
        var r = PedersenDkg<Ed25519PrimeOrderGroup, Point>.Part3(secret.Identifier, secret.OwnShare.Secret, secret.Commitment.Coefficients, commitments, round2);
        if (!r.TryGet(out var c, out var fault)) return FrostError.From(fault).As<(Scalar, Point[], IReadOnlyList<ParticipantId>)>();
        return (Scalar.Adopt(c.Share), c.Sum, (IReadOnlyList<ParticipantId>)c.Participants);
    }
}
