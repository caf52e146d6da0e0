using System.Runtime.Intrinsics.X86;
using CcTsa.Crypto.Dkls23;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>GF(2^128) of the OT-extension check: the PCLMULQDQ multiplier equals the bit-serial reference; field laws.</summary>
public class Gf128Tests
{
    private static UInt128 U(ulong hi, ulong lo) => ((UInt128)hi << 64) | lo;

    [Property(MaxTest = 500)]
    public void Carryless_multiplier_equals_the_bit_serial_reference(ulong a1, ulong a0, ulong b1, ulong b0, ulong c1, ulong c0)
    {
        var (a, b, c) = (U(a1, a0), U(b1, b0), U(c1, c0));
        Assert.True(Pclmulqdq.IsSupported, "this machine has PCLMULQDQ; the fallback is the reference itself");
        Assert.Equal(Gf128.MulSoftware(a, b), Gf128.MulClmul(a, b));
        Assert.Equal(Gf128.Mul(a, b), Gf128.Mul(b, a));
        Assert.Equal(Gf128.Mul(a, b ^ c), Gf128.Mul(a, b) ^ Gf128.Mul(a, c));
        Assert.Equal(Gf128.Mul(Gf128.Mul(a, b), c), Gf128.Mul(a, Gf128.Mul(b, c)));
        Assert.Equal(a, Gf128.Mul(a, 1));
    }

    [Fact]
    public void X_to_the_128_reduces_to_the_pentanomial_tail()
    {
        var x127 = (UInt128)1 << 127;
        Assert.Equal((UInt128)0x87, Gf128.Mul(x127, 2));               // x^128 = x^7 + x^2 + x + 1
        Assert.Equal((UInt128)0x87 << 1, Gf128.Mul(x127, 4));
        Assert.Equal(Gf128.MulSoftware(x127, x127), Gf128.MulClmul(x127, x127));
    }
}
