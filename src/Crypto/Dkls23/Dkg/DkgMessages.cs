using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// DKG round 1 broadcast (notes §3, FROST-DKG shape over P-384): Feldman commitments A_k = a_k·G
/// (k &lt; t, SEC1 compressed) and a Schnorr proof of knowledge (R, z) of a_0 bound to the context and sender.
/// </summary>
public sealed record DkgRound1(ParticipantId From, byte[][] Commitments, byte[] ProofR, byte[] ProofZ)
{
    public override string ToString() => $"DkgRound1({From})";
}

/// <summary>DKG round 2, point to point (over the attested AEAD channel): the secret share f_From(To).</summary>
public sealed class DkgRound2 : IDisposable
{
    private readonly SecretHandle _share;

    internal DkgRound2(ParticipantId from, ParticipantId to, P384Scalar share)
    {
        From = from;
        To = to;
        _share = SecretHandle.Allocate(P384Scalar.Size);
        share.WriteTo(_share.Span);
    }

    public ParticipantId From { get; }

    public ParticipantId To { get; }

    internal P384Scalar Share => P384Scalar.TryDecode(_share.Span, out var s) ? s : throw new InvalidOperationException("Corrupt share.");

    public void Dispose() => _share.Dispose();

    public override string ToString() => $"DkgRound2({From}→{To}, [redacted])";
}
