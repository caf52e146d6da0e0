using System.Runtime.CompilerServices;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// Alice's long-lived OT-extension state for one ordered pair: Δ ∈ {0,1}^λ_c and k_ι^{Δ_ι} from the
/// base OT (where she was the receiver). Secret: sodium memory, wiped on Dispose (notes §9).
/// </summary>
public sealed class OtSenderSeeds : IDisposable
{
    private readonly SecretHandle _delta;   // 16 bytes, bit ι of byte ι/8
    private readonly SecretHandle _keys;    // λ_c × 32 bytes

    internal OtSenderSeeds(SecretHandle delta, SecretHandle keys) { _delta = delta; _keys = keys; }

    internal ReadOnlySpan<byte> Key(int i) => _keys.Span.Slice(i * BaseOt.KeyBytes, BaseOt.KeyBytes);

    internal int DeltaBit(int i) => (_delta.Span[i >> 3] >> (i & 7)) & 1;

    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void XorDelta(Span<byte> column)
    {
        var d = _delta.Span;
        for (var b = 0; b < column.Length; b++) column[b] ^= d[b];
    }

    public void Dispose() { _delta.Dispose(); _keys.Dispose(); }

    public override string ToString() => "OtSenderSeeds([redacted])";
}

/// <summary>Bob's long-lived OT-extension state for one ordered pair: both base keys k_ι^0, k_ι^1.</summary>
public sealed class OtReceiverSeeds : IDisposable
{
    private readonly SecretHandle _keys0;
    private readonly SecretHandle _keys1;

    internal OtReceiverSeeds(SecretHandle keys0, SecretHandle keys1) { _keys0 = keys0; _keys1 = keys1; }

    internal ReadOnlySpan<byte> Key0(int i) => _keys0.Span.Slice(i * BaseOt.KeyBytes, BaseOt.KeyBytes);

    internal ReadOnlySpan<byte> Key1(int i) => _keys1.Span.Slice(i * BaseOt.KeyBytes, BaseOt.KeyBytes);

    public void Dispose() { _keys0.Dispose(); _keys1.Dispose(); }

    public override string ToString() => "OtReceiverSeeds([redacted])";
}
