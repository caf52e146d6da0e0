using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// RFC 9591 §5.3 aggregate and §5.4 share verification, run by the coordinator. The aggregate is
/// verified before it is returned; when it fails, every share is checked and the bad signers are
/// named (identifiable abort) so the coordinator can exclude them and retry with another subset.
/// </summary>
public static class Aggregate
{
    public static Result<Signature, FrostError> Combine(SigningPackage package, IReadOnlyCollection<SignatureShare> shares, PublicKeyPackage publicKeys)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(publicKeys);
        if (package.Commitments.Length < publicKeys.MinSigners)
            return FrostError.Of(FrostFailure.IncorrectNumberOfParticipants, $"{package.Commitments.Length} signers, at least {publicKeys.MinSigners} needed").As<Signature>();
        var byId = new Dictionary<ParticipantId, SignatureShare>();
        foreach (var s in shares)
        {
            if (package.CommitmentsOf(s.Identifier) is null)
                return FrostError.Blame(FrostFailure.UnknownParticipant, s.Identifier, "share from a participant outside the signing package").As<Signature>();
            if (!byId.TryAdd(s.Identifier, s))
                return FrostError.Blame(FrostFailure.DuplicateParticipant, s.Identifier, "two shares from one signer").As<Signature>();
        }
        var missing = package.Signers.Where(id => !byId.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
            return FrostError.Blame(FrostFailure.IncorrectNumberOfParticipants, missing, "signers of the package sent no share").As<Signature>();
        var unknown = package.Signers.Where(id => !publicKeys.VerifyingShares.ContainsKey(id)).ToArray();
        if (unknown.Length > 0)
            return FrostError.Blame(FrostFailure.UnknownParticipant, unknown, "signers without a verifying share in this key").As<Signature>();

        var (rho, r, c) = package.Derive(publicKeys.VerifyingKey);
        var z = PublicScalar.Zero;
        foreach (var s in byId.Values) z += s.Share;
        var signature = new Signature(r, z);
        if (signature.Verify(publicKeys.VerifyingKey, package.Message)) return signature;

        var culprits = package.Commitments
            .Where(cm => !VerifyShare(byId[cm.Identifier], cm, rho[cm.Identifier], c, package.Signers, publicKeys.VerifyingShares[cm.Identifier]))
            .Select(cm => cm.Identifier).ToArray();
        return culprits.Length > 0
            ? FrostError.Blame(FrostFailure.InvalidSignatureShare, culprits, "signature share fails verification").As<Signature>()
            : FrostError.Of(FrostFailure.InvalidSignature, "aggregate signature does not verify").As<Signature>();
    }

    /// <summary>RFC 9591 §5.4: z_i·B = D_i + ρ_i·E_i + (c·λ_i)·Y_i.</summary>
    public static bool VerifyShare(SignatureShare share, SigningPackage package, PublicKeyPackage publicKeys)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(publicKeys);
        var cm = package.CommitmentsOf(share.Identifier);
        if (cm is null || !publicKeys.VerifyingShares.TryGetValue(share.Identifier, out var y)) return false;
        var (rho, _, c) = package.Derive(publicKeys.VerifyingKey);
        return VerifyShare(share, cm, rho[share.Identifier], c, package.Signers, y);
    }

    private static bool VerifyShare(SignatureShare share, SigningCommitments cm, PublicScalar rho, PublicScalar c, IReadOnlyList<ParticipantId> signers, Point verifyingShare)
    {
        var lambda = Lagrange.AtZero(share.Identifier, signers);
        // public values only (the share z_i is checked, not used as a secret): variable time
        var expected = Ed25519Group.SumVartime([cm.Hiding], [rho, c * lambda], [cm.Binding, verifyingShare]);
        return Ed25519Group.BaseMul(share.Share.Encoding) == expected;
    }
}
