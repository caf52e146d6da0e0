using System.Runtime.CompilerServices;
using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// Byte encodings of the presigning messages for a bus: fixed-size fields in a fixed order (all
/// sizes follow from <see cref="Dkls23Params"/>), so a decoder checks one length and never
/// allocates from an attacker's count. Sender and recipient are not encoded: they come from the
/// node-signed message carrying the bytes. Every decoder answers null on any malformed input.
/// Round 1 (Bob → Alice): pair tag (16, <see cref="PairState.Tag"/>) ‖ U ‖ X ‖ Z; the tag came first
/// in issue 15, and the older tag-less layout is refused by its length. Round 2: Ã rows ‖ η ‖ μ ‖ Γ^u ‖
/// Γ^v ‖ ψ ‖ pk_i ‖ R_i ‖ salt ‖ echo. Online: R' ‖ u_i ‖ w_i ‖ digest.
/// </summary>
public static class SignWire
{
    private const int Point = P384Point.CompressedSize;
    private const int Scalar = P384Scalar.Size;
    private const int RvoleSize = (Dkls23Params.Xi * (Dkls23Params.Ell + Dkls23Params.Rho) * Scalar) + (Dkls23Params.Rho * Scalar) + RvoleMessage.MuSize;
    private const int OteSize = OteMessage.USize + OteMessage.XSize + OteMessage.ZSize;
    private const int Round2Size = RvoleSize + (4 * Point) + Scalar + 32 + 32;

    private const int Tag = PairState.TagSize;
    private const int Round1Size = Tag + OteSize;

    /// <summary>Round 1, Bob to Alice: pair tag (16) ‖ U ‖ X ‖ Z of the OT extension.</summary>
    public static byte[] Encode(SignRound1P2p m)
    {
        ArgumentNullException.ThrowIfNull(m);
        byte[] b = [.. m.PairTag, .. m.Ote.U, .. m.Ote.X, .. m.Ote.Z];
        return b.Length == Round1Size ? b : throw new ArgumentException("Round-1 message fields have the wrong sizes.", nameof(m));
    }

    public static SignRound1P2p? DecodeRound1(ParticipantId from, ParticipantId to, byte[]? bytes)
    {
        if (bytes is not { Length: Round1Size }) return null;
        var at = Tag;
        var u = bytes[at..(at += OteMessage.USize)];
        var x = bytes[at..(at += OteMessage.XSize)];
        var z = bytes[at..];
        return new SignRound1P2p(from, to, new OteMessage(u, x, z), bytes[..Tag]);
    }

    public static byte[] Encode(SignRound2P2p m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var b = new byte[Round2Size];
        var at = 0;
        foreach (var row in m.Rvole.ATilde) foreach (var s in row) { s.WriteTo(b.AsSpan(at)); at += Scalar; }
        foreach (var s in m.Rvole.Eta) { s.WriteTo(b.AsSpan(at)); at += Scalar; }
        foreach (var field in new[] { m.Rvole.Mu, m.GammaU, m.GammaV, m.Psi, m.PublicKeyShare, m.Nonce, m.Salt, m.Echo })
        {
            field.CopyTo(b, at);
            at += field.Length;
        }
        return at == Round2Size ? b : throw new ArgumentException("Round-2 message fields have the wrong sizes.", nameof(m));
    }

    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SignRound2P2p? DecodeRound2(ParticipantId from, ParticipantId to, byte[]? bytes)
    {
        if (bytes is not { Length: Round2Size }) return null;
        var at = 0;
        var rows = new P384Scalar[Dkls23Params.Xi][];
        for (var j = 0; j < rows.Length; j++)
        {
            rows[j] = new P384Scalar[Dkls23Params.Ell + Dkls23Params.Rho];
            for (var k = 0; k < rows[j].Length; k++, at += Scalar)
                if (!P384Scalar.TryDecode(bytes.AsSpan(at, Scalar), out rows[j][k])) return null;
        }
        var eta = new P384Scalar[Dkls23Params.Rho];
        for (var k = 0; k < eta.Length; k++, at += Scalar)
            if (!P384Scalar.TryDecode(bytes.AsSpan(at, Scalar), out eta[k])) return null;
        byte[] Take(int n) { var f = bytes[at..(at + n)]; at += n; return f; }
        var mu = Take(RvoleMessage.MuSize);
        return new SignRound2P2p(from, to, new RvoleMessage(rows, eta, mu), Take(Point), Take(Point), Take(Scalar), Take(Point), Take(Point), Take(32), Take(32));
    }

    private const int PartialSize = Point + (2 * Scalar) + 32;

    /// <summary>The online message (R', u_i, w_i, transcript digest): 177 bytes.</summary>
    public static byte[] Encode(PartialSignature p)
    {
        ArgumentNullException.ThrowIfNull(p);
        byte[] b = [.. p.Nonce, .. p.U, .. p.W, .. p.Digest];
        return b.Length == PartialSize ? b : throw new ArgumentException("Partial signature fields have the wrong sizes.", nameof(p));
    }

    public static PartialSignature? DecodePartial(ParticipantId from, byte[]? bytes) =>
        bytes is not { Length: PartialSize } ? null
        : new PartialSignature(from, bytes[..Point], bytes[Point..(Point + Scalar)], bytes[(Point + Scalar)..(Point + (2 * Scalar))], bytes[(Point + (2 * Scalar))..]);
}
