using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// One party's message-independent output of Protocol 3.6 (rounds 1–2 and the round-3 checks
/// C0–C6, <see cref="Presign.Finish"/>): the signer set, R, and the secret (u_i, φ_i, v_i) in sodium
/// memory. <see cref="Sign"/> turns it into the one online message (u_i, w_i) for a digest and wipes
/// it: a presignature answers at most one digest, so φ_i can never be solved from two w_i (P7).
/// Online, R is re-randomised with a public δ = H(sid, sigid, R, PK, m) (Groth–Shoup, ePrint
/// 2021/1330 §"re-randomized presignatures"): R' = R + δ·G, k' = k + δ, u'_i = u_i + δ·φ_i, so an
/// adversary who learns R before choosing m gains nothing over plain ECDSA. Never serialised.
/// </summary>
public sealed class Presignature : IDisposable
{
    private const int Slots = 3;                  // u_i, φ_i, v_i
    private readonly SecretHandle _secret;
    private readonly byte[] _keySid;
    private readonly P384Point _publicKey;
    private readonly object _gate = new();
    private bool _consumed;

    internal Presignature(ParticipantId self, IReadOnlyList<ParticipantId> signers, byte[] sigid, byte[] keySid, P384Point publicKey,
        byte[] nonce, P384Scalar u, P384Scalar phi, P384Scalar v)
    {
        Self = self;
        Signers = signers;
        SigId = sigid;
        _keySid = keySid;
        _publicKey = publicKey;
        Nonce = nonce;
        _secret = SecretHandle.Allocate(Slots * P384Scalar.Size);
        u.WriteTo(_secret.Span);
        phi.WriteTo(_secret.Span[P384Scalar.Size..]);
        v.WriteTo(_secret.Span[(2 * P384Scalar.Size)..]);
    }

    public ParticipantId Self { get; }

    /// <summary>The signer set S (sorted) the presignature was made with; only S can use it.</summary>
    public IReadOnlyList<ParticipantId> Signers { get; }

    /// <summary>The public signature id agreed before round 1; names the presignature on the wire.</summary>
    public IReadOnlyList<byte> Id => SigId;

    internal byte[] SigId { get; }

    /// <summary>R = Σ R_j (SEC1 compressed), public; the same at every honest party of S.</summary>
    public IReadOnlyList<byte> NoncePoint => Nonce;

    private byte[] Nonce { get; }

    public bool IsConsumed
    {
        get { lock (_gate) return _consumed; }
    }

    /// <summary>
    /// The online message for <paramref name="digest"/>: (u'_i, w_i) with R' and the transcript
    /// digest. Consumes the presignature first, whatever follows: a second call is refused.
    /// </summary>
    public Result<PartialSignature, Dkls23Error> Sign(ReadOnlySpan<byte> digest)
    {
        lock (_gate)
        {
            // consumed before anything is computed, whatever follows; under the gate so Dispose can't free the memory mid-read
            if (_consumed) return Dkls23Error.Of(Dkls23Failure.SessionConsumed, "Presignature already used.").As<PartialSignature>();
            _consumed = true;
            try { return SignOnce(digest); }
            finally { _secret.Dispose(); }
        }
    }

    private Result<PartialSignature, Dkls23Error> SignOnce(ReadOnlySpan<byte> digest)
    {
        if (!P384Point.TryDecode(Nonce, out var bigR))
            return Dkls23Error.Of(Dkls23Failure.MalformedMessage, "R does not decode.").As<PartialSignature>();
        var span = _secret.Span;
        if (!P384Scalar.TryDecode(span[..P384Scalar.Size], out var u) || !P384Scalar.TryDecode(span.Slice(P384Scalar.Size, P384Scalar.Size), out var phi)
            || !P384Scalar.TryDecode(span.Slice(2 * P384Scalar.Size, P384Scalar.Size), out var v))
            throw new InvalidOperationException("Corrupt presignature memory.");
        var delta = Delta(_keySid, SigId, Nonce, _publicKey, digest);
        using (bigR)
        using (var dg = P384Point.MulBase(delta))
        using (var shifted = bigR + dg)
        {
            if (shifted.IsIdentity) return Dkls23Error.Of(Dkls23Failure.PublicKeyMismatch, "R' = ∞.").As<PartialSignature>();
            var r = P384Scalar.FromBig(shifted.AffineX());
            var uOut = u + (delta * phi);
            var w = (EcdsaSignature.MessageScalar(digest) * phi) + (r * v);
            var rEnc = shifted.Encode();
            return new PartialSignature(Self, rEnc, uOut.ToArray(), w.ToArray(),
                SignRound3.TranscriptDigest(_keySid, SigId, rEnc, _publicKey, digest));
        }
    }

    /// <summary>δ = H(sid, sigid, R, PK, m) mod n: public, fixed only once m is.</summary>
    internal static P384Scalar Delta(byte[] keySid, byte[] sigid, byte[] nonce, P384Point pk, ReadOnlySpan<byte> digest)
    {
        using var o = new Oracle("sign/rerandomise");
        return o.Add(keySid).Add(sigid).Add(nonce).Add(pk).Add(digest).FinishScalar();
    }

    /// <summary>Wipes the secret; the presignature can no longer sign.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _consumed = true;
            _secret.Dispose();
        }
    }

    public override string ToString() => $"Presignature({Self}, {Convert.ToHexString(SigId)[..Math.Min(16, 2 * SigId.Length)]}, [redacted])";
}
