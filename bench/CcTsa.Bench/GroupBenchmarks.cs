using BenchmarkDotNet.Attributes;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Bench;

/// <summary>The primitives FROST costs are made of: base and variable-base multiplication, scalar inversion, secret allocation.</summary>
public class GroupBenchmarks
{
    private readonly PublicScalar _s = PublicScalar.FromInt(0x1234567890abcdef) * PublicScalar.FromInt(0x7edcba0987654321);
    private Point _p;

    [GlobalSetup]
    public void Setup() => _p = Ed25519Group.BaseMul(_s.Encoding);

    [Benchmark(Baseline = true)]
    public Point BaseMul() => Ed25519Group.BaseMul(_s.Encoding);

    [Benchmark]
    public Point VariableBaseMul() => Ed25519Group.Mul(_p, _s.Encoding);

    [Benchmark]
    public PublicScalar ScalarInvert() => _s.Invert();

    [Benchmark]
    public PublicScalar Lagrange3() => Lagrange.AtZero(ParticipantId.FromIndex(2), [ParticipantId.FromIndex(1), ParticipantId.FromIndex(2), ParticipantId.FromIndex(5)]);

    [Benchmark]
    public int SecretAllocFree()
    {
        using var h = SecretHandle.Allocate(32);
        return h.Length;
    }
}
