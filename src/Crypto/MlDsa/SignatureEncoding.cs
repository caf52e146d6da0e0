namespace CcTsa.Crypto.MlDsa;

/// <summary>FIPS 204 sigEncode (Algorithm 26): c̃ ‖ BitPack(z, γ1−1, γ1) ‖ HintBitPack(h).</summary>
internal static class SignatureEncoding
{
    public static byte[] Encode(ReadOnlySpan<byte> cTilde, ReadOnlySpan<int> z, ReadOnlySpan<int> hint)
    {
        var sig = new byte[MlDsa65.SignatureBytes];
        cTilde.CopyTo(sig);
        SlotCodec.PackZ(z, sig.AsSpan(MlDsa65.CTildeBytes, MlDsa65.L * MlDsa65.ZPolyBytes));
        var h = sig.AsSpan(MlDsa65.CTildeBytes + MlDsa65.L * MlDsa65.ZPolyBytes);
        var index = 0;
        for (var i = 0; i < MlDsa65.K; i++)
        {
            for (var j = 0; j < MlDsa65.N; j++)
                if (hint[i * MlDsa65.N + j] != 0) h[index++] = (byte)j;
            h[MlDsa65.Omega + i] = (byte)index;
        }
        return sig;
    }
}
