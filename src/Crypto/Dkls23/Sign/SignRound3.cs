using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// DKLs23 Protocol 3.6, round 3 (notes §7) in one step, as the paper runs it when m is known by
/// round 3: the message-independent checks C0–C6 (<see cref="Presign.Finish"/>) and the online
/// output (u_i, w_i) (<see cref="Presignature.Sign"/>). The session is consumed first (P7).
/// </summary>
public static class SignRound3
{
    /// <summary>The three-round path: <see cref="Presign.Finish"/> then <see cref="Presignature.Sign"/> at once.</summary>
    public static Result<PartialSignature, Dkls23Error> Run(SignSession session, ReadOnlySpan<byte> digest, IReadOnlyList<SignRound2P2p> toMe)
    {
        var presigned = Presign.Finish(session, toMe);
        if (!presigned.IsOk) return presigned.Error.As<PartialSignature>();
        using var presignature = presigned.Value;
        return presignature.Sign(digest);
    }

    /// <summary>H(sid, sigid, R, PK, m): every signer's view of what is being signed (P9).</summary>
    internal static byte[] TranscriptDigest(byte[] keySid, byte[] sigid, byte[] r, P384Point pk, ReadOnlySpan<byte> digest)
    {
        using var o = new Oracle("sign/digest");
        return o.Add(keySid).Add(sigid).Add(r).Add(pk).Add(digest).Finish(32);
    }
}
