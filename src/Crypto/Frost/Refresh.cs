using System.Collections.Immutable;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Proactive share refresh (Herzberg et al.; frost-core refresh_dkg_*): every holder deals a
/// random polynomial with zero constant term through the DKG rounds, and adds the received shares
/// to its own. The group key and the threshold stay; every share changes, so shares stolen before
/// the refresh cannot be combined with shares after it. Round-2 packages are the DKG's
/// <see cref="Round2Package"/> and travel sealed the same way. The algebra is
/// <see cref="ShareRefresh{TGroup, TPoint}"/>'s over Ed25519.
/// </summary>
public static class Refresh
{
    /// <summary>Part 1: zero-constant polynomial and its commitment (no proof of knowledge needed: φ_0 is fixed).</summary>
    public static (Round1SecretPackage Secret, RefreshRound1Package Broadcast) Part1(ParticipantId self, int maxSigners, int minSigners)
    {
        Dealerless.CheckThreshold(minSigners, maxSigners);
        var polynomial = Polynomial<Ed25519PrimeOrderGroup, Point>.Random(minSigners, zeroConstant: true);
        var commitment = new FeldmanCommitment([.. polynomial.Commit()]);
        return (new Round1SecretPackage(self, polynomial, commitment, minSigners, maxSigners), new RefreshRound1Package(self, commitment));
    }

    /// <summary>Part 2: check the peers' commitments, compute f_self(j) for each peer j.</summary>
    public static Result<(Round2SecretPackage Secret, IReadOnlyList<Round2Package> Outgoing), FrostError> Part2(
        Round1SecretPackage secret, IReadOnlyCollection<RefreshRound1Package> received)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(received);
        var checkedR1 = Dealerless.CheckRound1(secret.Identifier, secret.MinSigners, secret.MaxSigners, zeroConstant: true, received.Select(p => (p.Sender, p.Commitment)));
        return checkedR1.TryGet(out var byId, out var error)
            ? Dealerless.Distribute(secret, byId.Keys)
            : error.As<(Round2SecretPackage, IReadOnlyList<Round2Package>)>();
    }

    /// <summary>
    /// Part 3: Feldman-check the received zero-shares (a bad one names its sender), then
    /// s'_i = s_i + Σ_j f_j(i) and Y'_j = Y_j + Σ_ℓ φ_ℓ(j). The new public package keeps the group key.
    /// </summary>
    public static Result<(KeyPackage Key, PublicKeyPackage PublicKeys), FrostError> Part3(
        Round2SecretPackage secret, IReadOnlyCollection<RefreshRound1Package> round1, IReadOnlyCollection<Round2Package> round2,
        KeyPackage oldKey, PublicKeyPackage oldPublicKeys)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(round1);
        ArgumentNullException.ThrowIfNull(round2);
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(oldPublicKeys);
        if (oldKey.Identifier != secret.Identifier || oldKey.MinSigners != secret.MinSigners || oldKey.VerifyingKey != oldPublicKeys.VerifyingKey)
            return FrostError.Of(FrostFailure.InvalidThreshold, "old key package does not match this refresh").As<(KeyPackage, PublicKeyPackage)>();
        var checkedR1 = Dealerless.CheckRound1(secret.Identifier, secret.MinSigners, secret.MaxSigners, zeroConstant: true, round1.Select(p => (p.Sender, p.Commitment)));
        if (!checkedR1.TryGet(out var commitments, out var error)) return error.As<(KeyPackage, PublicKeyPackage)>();
        var combined = Dealerless.Combine(secret, commitments, round2);
        if (!combined.TryGet(out var c, out error)) return error.As<(KeyPackage, PublicKeyPackage)>();
        using var delta = c.Share;
        var applied = ShareRefresh<Ed25519PrimeOrderGroup, Point>.Apply(secret.Identifier, oldKey.SigningShare.Secret, delta.Secret, c.Sum,
            c.Participants, oldPublicKeys.VerifyingShares);
        if (!applied.TryGet(out var a, out var fault)) return FrostError.From(fault).As<(KeyPackage, PublicKeyPackage)>();
        var shares = a.PublicShares.ToImmutableSortedDictionary();
        var key = new KeyPackage(secret.Identifier, Scalar.Adopt(a.Share), shares[secret.Identifier], oldKey.VerifyingKey, oldKey.MinSigners);
        return (key, new PublicKeyPackage(shares, oldKey.VerifyingKey, oldKey.MinSigners));
    }
}
