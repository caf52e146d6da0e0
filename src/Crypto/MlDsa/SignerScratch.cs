using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The per-slot secret working memory of Rounds 1 and 3 in one sodium_malloc'd block, wiped when
/// disposed: the hyperball point x (doubles), the SHAKE output of four slots (drawn together,
/// <see cref="Hyperball.Draw"/>) with the Keccak state that produced it, and 11 polynomials
/// of integers (ŷ ‖ ê in Round 1; the partial secret's NTT form in Round 3) plus 11 more for products.
/// </summary>
internal sealed class SignerScratch : IDisposable
{
    private const int XBytes = Hyperball.Dimension * sizeof(double);
    private const int PolyInts = (MlDsa65.L + MlDsa65.K) * MlDsa65.N;
    private const int RandomBytes = Hyperball.Streams * Hyperball.RandomBytes;
    private const int KeccakBytes = Shake256x4.StateLanes * 32;
    private const int PolysAt = XBytes + RandomBytes + KeccakBytes;
    private readonly SecretHandle _block = SecretHandle.Allocate(PolysAt + 2 * PolyInts * sizeof(int));

    public Span<double> X => MemoryMarshal.Cast<byte, double>(_block.Span[..XBytes]);

    /// <summary>Four slots' hyperball bytes, slot k's at <see cref="Hyperball.Stream"/>(Random, k).</summary>
    public Span<byte> Random => _block.Span.Slice(XBytes, RandomBytes);

    public Span<Vector256<ulong>> Keccak => MemoryMarshal.Cast<byte, Vector256<ulong>>(_block.Span.Slice(XBytes + RandomBytes, KeccakBytes));

    public Span<int> Polys => MemoryMarshal.Cast<byte, int>(_block.Span.Slice(PolysAt, PolyInts * sizeof(int)));

    public Span<int> Products => MemoryMarshal.Cast<byte, int>(_block.Span.Slice(PolysAt + PolyInts * sizeof(int), PolyInts * sizeof(int)));

    public void Dispose() => _block.Dispose();

    public override string ToString() => "SignerScratch([redacted])";
}
