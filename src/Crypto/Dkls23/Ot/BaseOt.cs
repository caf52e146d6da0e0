using System.Security.Cryptography;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// Base random OT, λ_c = 128 instances in a batch: Chou–Orlandi "simplest OT" (ePrint 2015/267)
/// over the Ed25519 prime-order group via libsodium (constant-time, ~40x faster than P-384 here).
/// Why this group: the base OT only seeds the OT extension at λ_c = 128 bits of security, which
/// Ed25519's CDH gives; it never touches the P-384 key. Why CO and not the endemic OT of the notes:
/// no hash-to-curve is needed, and the known weaknesses of CO (malicious-receiver UC proof gap,
/// Hauck–Loss) are addressed by hashing the whole (sid, ι, S, R_ι) transcript into each key and by
/// using it only as *random* OT whose keys are then expanded — see docs/SECURITY.md.
/// Sender (Bob of the ordered pair): y, S = y·G, T = y·S. Receiver (Alice) with bit c:
/// R = x·G + c·S. Keys: k^0 = H(y·R), k^1 = H(y·R − T), receiver k^c = H(x·S).
/// </summary>
internal static class BaseOt
{
    public const int Count = Dkls23Params.Kappa;
    public const int KeyBytes = Dkls23Params.SeedBytes;

    /// <summary>Sender step 1: y and S = y·G. The caller keeps <paramref name="y"/> until <see cref="SenderFinish"/>.</summary>
    public static Point SenderStart(out Scalar y)
    {
        y = Scalar.Random();
        return y.ToPoint();
    }

    /// <summary>
    /// Receiver: for each ι, R_ι = x_ι·G + Δ_ι·S (constant-time select) and k_ι^{Δ_ι} = H(x_ι·S).
    /// <paramref name="choices"/> is 16 bytes (bit ι of byte ι/8); the keys go into <paramref name="keys"/> (128·32 bytes).
    /// </summary>
    public static Point[] Receive(ReadOnlySpan<byte> sid, Point s, ReadOnlySpan<byte> choices, Span<byte> keys)
    {
        var rs = new Point[Count];
        Span<byte> sel = stackalloc byte[32];
        for (var i = 0; i < Count; i++)
        {
            using var x = Scalar.Random();
            var xg = x.ToPoint();
            var xgs = xg + s;
            var mask = (byte)(0 - ((choices[i >> 3] >> (i & 7)) & 1));
            for (var b = 0; b < 32; b++) sel[b] = (byte)((xg.Encoding[b] & ~mask) | (xgs.Encoding[b] & mask));
            rs[i] = Point.FromTrusted(sel);
            var shared = Ed25519Group.Mul(s, x.Secret);
            Key(sid, i, s, rs[i], shared, keys.Slice(i * KeyBytes, KeyBytes));
        }
        CryptographicOperations.ZeroMemory(sel);
        return rs;
    }

    /// <summary>Sender step 2: both keys per ι. False (culprit: the receiver) when an R_ι is not a valid element.</summary>
    public static bool SenderFinish(ReadOnlySpan<byte> sid, Scalar y, Point s, IReadOnlyList<byte[]> rEncodings, Span<byte> keys0, Span<byte> keys1)
    {
        if (rEncodings.Count != Count) return false;
        var t = Ed25519Group.Mul(s, y.Secret);
        for (var i = 0; i < Count; i++)
        {
            if (!Point.TryDecode(rEncodings[i], out var r) || r.IsIdentity) return false;
            var yr = Ed25519Group.Mul(r, y.Secret);
            Key(sid, i, s, r, yr, keys0.Slice(i * KeyBytes, KeyBytes));
            Key(sid, i, s, r, yr - t, keys1.Slice(i * KeyBytes, KeyBytes));
        }
        return true;
    }

    private static void Key(ReadOnlySpan<byte> sid, int i, Point s, Point r, Point shared, Span<byte> output)
    {
        using var o = new Oracle("bot/key");
        o.Add(sid).Add(i).Add(s.Encoding).Add(r.Encoding).Add(shared.Encoding).Finish(output);
    }
}
