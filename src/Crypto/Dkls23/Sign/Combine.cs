using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// Combination (notes §7, end of Protocol 3.6): all parties' (R, digest) agree; U = Σ u_i = k·φ,
/// W = Σ w_i = φ·(m + r·x); s = W/U = (m + r·x)/k. The signature is verified against PK before it
/// is returned: a bad (u_i, w_i) fails here, without attribution.
/// </summary>
public static class Combine
{
    public static Result<EcdsaSignature, Dkls23Error> Run(P384Point publicKey, IReadOnlyList<PartialSignature> partials, ReadOnlySpan<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(partials);
        if (partials.Count == 0 || partials.DistinctBy(p => p.From).Count() != partials.Count)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "No partial signatures, or a duplicate.").As<EcdsaSignature>();
        var first = partials[0];
        if (partials.Any(p => p.Digest is null || !p.Digest.AsSpan().SequenceEqual(first.Digest) || !p.Nonce.AsSpan().SequenceEqual(first.Nonce)))
            return Dkls23Error.Of(Dkls23Failure.TranscriptMismatch, "Signers disagree on (sigid, R, PK, m).").As<EcdsaSignature>();
        if (!P384Point.TryDecode(first.Nonce, out var bigR))
            return Dkls23Error.Of(Dkls23Failure.MalformedMessage, "R does not decode.").As<EcdsaSignature>();
        var u = P384Scalar.Zero;
        var w = P384Scalar.Zero;
        foreach (var p in partials)
        {
            if (!P384Scalar.TryDecode(p.U ?? [], out var ui) || !P384Scalar.TryDecode(p.W ?? [], out var wi))
                return Dkls23Error.Blame(Dkls23Failure.MalformedMessage, p.From, "u_i or w_i does not parse.").As<EcdsaSignature>();
            u += ui;
            w += wi;
        }
        using (bigR)
        {
            var r = P384Scalar.FromBig(bigR.AffineX());
            if (u.IsZero || r.IsZero) return Dkls23Error.Of(Dkls23Failure.InvalidSignature, "U = 0 or r = 0.").As<EcdsaSignature>();
            var sig = new EcdsaSignature(r, w * u.Invert());
            return sig.S.IsZero || !sig.Verify(publicKey, digest)
                ? Dkls23Error.Of(Dkls23Failure.InvalidSignature, "Combined signature does not verify; no culprit.").As<EcdsaSignature>()
                : sig;
        }
    }
}
