using System.Security.Cryptography;
using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// Base random OT, λ_c = 128 instances in a batch: Chou–Orlandi "simplest OT" (ePrint 2015/267)
/// over ristretto255 via libsodium (constant time; prime order, so a received element needs only its
/// decoding check — over Ed25519 libsodium re-ran a subgroup test inside every multiplication).
/// Why this group: the base OT only seeds the OT extension at λ_c = 128 bits of security, which
/// ristretto255's CDH gives; it never touches the P-384 key. Why CO and not the endemic OT of the
/// notes: no hash-to-curve is needed, and the known weaknesses of CO (malicious-receiver UC proof
/// gap, Hauck–Loss) are addressed by hashing the whole (sid, ι, S, R_ι) transcript into each key and
/// by using it only as *random* OT whose keys are then expanded — see docs/SECURITY.md.
/// Sender (Bob of the ordered pair): y, S = y·G, T = y·S. Receiver (Alice) with bit c:
/// R = x·G + c·S. Keys: k^0 = H(y·R), k^1 = H(y·R − T), receiver k^c = H(x·S).
/// </summary>
internal static class BaseOt
{
    public const int Count = Dkls23Params.Kappa;
    public const int KeyBytes = Dkls23Params.SeedBytes;

    /// <summary>Sender step 1: y and S = y·G (encoded). The caller keeps <paramref name="y"/> until <see cref="SenderFinish"/>.</summary>
    public static byte[] SenderStart(out Scalar y)
    {
        y = Scalar.Random();
        return Ristretto.BaseMul(y.Secret);
    }

    /// <summary>
    /// Receiver: for each ι, R_ι = x_ι·G + Δ_ι·S (constant-time select) and k_ι^{Δ_ι} = H(x_ι·S).
    /// <paramref name="s"/> must be a valid non-identity element (checked by the caller).
    /// <paramref name="choices"/> is 16 bytes (bit ι of byte ι/8); the keys go into <paramref name="keys"/> (128·32 bytes).
    /// </summary>
    public static byte[][] Receive(ReadOnlySpan<byte> sid, ReadOnlySpan<byte> s, ReadOnlySpan<byte> choices, Span<byte> keys)
    {
        var rs = new byte[Count][];
        Span<byte> xgs = stackalloc byte[Ristretto.Size];
        Span<byte> shared = stackalloc byte[Ristretto.Size];
        for (var i = 0; i < Count; i++)
        {
            using var x = Scalar.Random();
            var xg = Ristretto.BaseMul(x.Secret);
            Ristretto.Add(xg, s, xgs);
            var mask = (byte)(0 - ((choices[i >> 3] >> (i & 7)) & 1));
            var r = new byte[Ristretto.Size];
            for (var b = 0; b < r.Length; b++) r[b] = (byte)((xg[b] & ~mask) | (xgs[b] & mask));
            rs[i] = r;
            if (!Ristretto.TryMul(s, x.Secret, shared)) throw new InvalidOperationException("x·S is the identity: S was not checked.");
            Key(sid, i, s, r, shared, keys.Slice(i * KeyBytes, KeyBytes));
        }
        CryptographicOperations.ZeroMemory(xgs);
        CryptographicOperations.ZeroMemory(shared);
        return rs;
    }

    /// <summary>Sender step 2: both keys per ι. False (culprit: the receiver) when an R_ι is not a valid element.</summary>
    public static bool SenderFinish(ReadOnlySpan<byte> sid, Scalar y, ReadOnlySpan<byte> s, IReadOnlyList<byte[]> rEncodings, Span<byte> keys0, Span<byte> keys1)
    {
        if (rEncodings.Count != Count) return false;
        Span<byte> t = stackalloc byte[Ristretto.Size];
        Span<byte> yr = stackalloc byte[Ristretto.Size];
        Span<byte> yrt = stackalloc byte[Ristretto.Size];
        try
        {
            if (!Ristretto.TryMul(s, y.Secret, t)) return false;
            for (var i = 0; i < Count; i++)
            {
                var r = rEncodings[i];
                if (r is null || !Ristretto.IsValidNonIdentity(r) || !Ristretto.TryMul(r, y.Secret, yr)) return false;
                Ristretto.Sub(yr, t, yrt);
                Key(sid, i, s, r, yr, keys0.Slice(i * KeyBytes, KeyBytes));
                Key(sid, i, s, r, yrt, keys1.Slice(i * KeyBytes, KeyBytes));
            }
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(t);
            CryptographicOperations.ZeroMemory(yr);
            CryptographicOperations.ZeroMemory(yrt);
        }
    }

    private static void Key(ReadOnlySpan<byte> sid, int i, ReadOnlySpan<byte> s, ReadOnlySpan<byte> r, ReadOnlySpan<byte> shared, Span<byte> output)
    {
        using var o = new Oracle("bot/key");
        o.Add(sid).Add(i).Add(s).Add(r).Add(shared).Finish(output);
    }
}
