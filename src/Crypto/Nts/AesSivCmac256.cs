using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace CcTsa.Crypto.Nts;

/// <summary>
/// AEAD_AES_SIV_CMAC_256 (RFC 5297, IANA AEAD id 15), the one AEAD every NTS implementation must
/// support (RFC 8915 §5.1). The 32-byte key is K1 (S2V/CMAC) then K2 (CTR). Output is V ‖ C with
/// the 16-byte synthetic IV first. BouncyCastle has AES, CMAC and CTR but not SIV, so S2V and the
/// counter masking are written here and pinned by the RFC 5297 appendix A vectors.
/// </summary>
public static class AesSivCmac256
{
    public const int KeySize = 32;
    public const int TagSize = 16;
    public const int AeadId = 15;

    /// <summary>Seals <paramref name="plaintext"/>; the associated data are S2V's components in order (RFC 8915 passes AD then nonce).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, params byte[][] associatedData)
    {
        CheckKey(key);
        var v = S2V(key[..16], associatedData, plaintext);
        var output = new byte[TagSize + plaintext.Length];
        v.CopyTo(output, 0);
        Ctr(key[16..], v, plaintext, output.AsSpan(TagSize));
        return output;
    }

    /// <summary>Opens V ‖ C; false (and no plaintext) when the tag does not match — tampering is an expected answer, not a bug.</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedData, out byte[] plaintext, params byte[][] associatedData)
    {
        CheckKey(key);
        plaintext = [];
        if (sealedData.Length < TagSize) return false;
        var v = sealedData[..TagSize].ToArray();
        var candidate = new byte[sealedData.Length - TagSize];
        Ctr(key[16..], v, sealedData[TagSize..], candidate);
        var expected = S2V(key[..16], associatedData, candidate);
        if (!CryptographicOperations.FixedTimeEquals(expected, v))
        {
            CryptographicOperations.ZeroMemory(candidate);
            return false;
        }
        plaintext = candidate;
        return true;
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
            throw new ArgumentException($"AEAD_AES_SIV_CMAC_256 needs a {KeySize}-byte key, got {key.Length} bytes.", nameof(key));
    }

    // RFC 5297 §2.4: D folds every associated-data component; the last input is the plaintext.
    private static byte[] S2V(ReadOnlySpan<byte> macKey, byte[][] components, ReadOnlySpan<byte> last)
    {
        var cmac = new CMac(new AesEngine());
        cmac.Init(new KeyParameter(macKey));
        var d = Mac(cmac, new byte[16]);
        foreach (var s in components)
        {
            ArgumentNullException.ThrowIfNull(s);
            Xor(Dbl(d), Mac(cmac, s), d);
        }
        byte[] t;
        if (last.Length >= 16)
        {
            t = last.ToArray();
            for (var i = 0; i < 16; i++) t[t.Length - 16 + i] ^= d[i];
        }
        else
        {
            t = new byte[16];
            last.CopyTo(t);
            t[last.Length] = 0x80;
            Xor(Dbl(d), t, t);
        }
        return Mac(cmac, t);
    }

    private static byte[] Mac(CMac cmac, ReadOnlySpan<byte> data)
    {
        cmac.BlockUpdate(data);
        var output = new byte[16];
        cmac.DoFinal(output, 0);
        return output;
    }

    // Doubling in GF(2^128) with the x^128 + x^7 + x^2 + x + 1 reduction (0x87).
    private static byte[] Dbl(byte[] block)
    {
        var output = new byte[16];
        for (var i = 0; i < 15; i++) output[i] = (byte)((block[i] << 1) | (block[i + 1] >> 7));
        output[15] = (byte)(block[15] << 1);
        if ((block[0] & 0x80) != 0) output[15] ^= 0x87;
        return output;
    }

    private static void Xor(byte[] a, byte[] b, byte[] into)
    {
        for (var i = 0; i < 16; i++) into[i] = (byte)(a[i] ^ b[i]);
    }

    // §2.6: the counter starts at V with bits 63 and 31 cleared so implementations with 32-bit
    // counters interoperate.
    private static void Ctr(ReadOnlySpan<byte> ctrKey, byte[] v, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length == 0) return;
        var q = (byte[])v.Clone();
        q[8] &= 0x7f;
        q[12] &= 0x7f;
        var ctr = new SicBlockCipher(new AesEngine());
        ctr.Init(true, new ParametersWithIV(new KeyParameter(ctrKey), q));
        var block = new byte[16];
        var keystream = new byte[16];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            Array.Clear(block);
            ctr.ProcessBlock(block, 0, keystream, 0);
            var n = Math.Min(16, input.Length - offset);
            for (var i = 0; i < n; i++) output[offset + i] = (byte)(input[offset + i] ^ keystream[i]);
        }
    }
}
