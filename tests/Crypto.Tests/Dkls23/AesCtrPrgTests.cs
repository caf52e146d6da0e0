using System.Buffers.Binary;
using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Ot;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// The OT extension's AES-128-CTR PRG (column pads from counter 0, matrix rows from the session's
/// iv) against .NET's AES over the same counter blocks, on ≥ 1,000 random keys plus counter edges.
/// </summary>
public class AesCtrPrgTests
{
    private const int Cases = 1000;

    [Fact]
    public void Aes_ctr_pad_prg_equals_dotnet_aes_over_the_counter_blocks()
    {
        Assert.True(System.Runtime.Intrinsics.X86.Aes.IsSupported, "This check compares the AES-NI path, which the CI machines have.");
        for (var i = 0; i < Cases; i++)
        {
            var key = RandomNumberGenerator.GetBytes(AesCtrPrg.KeyBytes);
            var blocks = 1 + (i % 12);
            var fast = new byte[16 * blocks];
            var reference = new byte[16 * blocks];
            AesCtrPrg.Expand(key, fast);
            AesCtrPrg.ExpandPortable(key, UInt128.Zero, reference);
            Assert.Equal(reference, fast);
        }
    }

    [Fact]
    public void Aes_ctr_row_prg_equals_dotnet_aes_over_the_counter_blocks_from_the_session_iv()
    {
        Assert.True(System.Runtime.Intrinsics.X86.Aes.IsSupported, "This check compares the AES-NI path, which the CI machines have.");
        // counters that carry across the 64-bit halves and wrap at 2^128, then random session ivs
        UInt128[] edges = [UInt128.Zero, ulong.MaxValue - 2, UInt128.MaxValue - 3, UInt128.MaxValue, new UInt128(7, ulong.MaxValue - 1)];
        for (var i = 0; i < Cases; i++)
        {
            var baseKey = RandomNumberGenerator.GetBytes(BaseOt.KeyBytes);
            var iv = i < edges.Length ? edges[i] : BinaryPrimitives.ReadUInt128LittleEndian(RandomNumberGenerator.GetBytes(16));
            var fast = new byte[Dkls23Params.RowBytes + (16 * (i % 7))];
            var reference = new byte[fast.Length];
            AesCtrPrg.Row(baseKey, iv, fast);
            AesCtrPrg.ExpandPortable(baseKey.AsSpan(0, AesCtrPrg.KeyBytes), iv, reference);
            Assert.Equal(reference, fast);
        }
        var key = RandomNumberGenerator.GetBytes(BaseOt.KeyBytes);
        var a = new byte[Dkls23Params.RowBytes];
        var b = new byte[Dkls23Params.RowBytes];
        AesCtrPrg.Row(key, OtExtension.RowIv("sid-1"u8), a);
        AesCtrPrg.Row(key, OtExtension.RowIv("sid-2"u8), b);
        Assert.NotEqual(a, b);   // one base key, two sessions: two keystreams
    }
}
