using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The per-slot secret working memory of Rounds 1 and 3 in one sodium_malloc'd block, wiped when
/// disposed: the hyperball point x (doubles), the SHAKE output of four slots (drawn together,
/// <see cref="Hyperball.Draw"/>) with the Keccak state that produced it, 11 polynomials of
/// integers (ŷ ‖ ê in Round 1; the partial secret s_i in Round 3), and in Round 3 s_i laid out for
/// <see cref="ChallengeProduct"/> and one slot's c·s_i.
/// </summary>
internal sealed class SignerScratch : IDisposable
{
    private const int XBytes = Hyperball.Dimension * sizeof(double);
    private const int PolyInts = (MlDsa65.L + MlDsa65.K) * MlDsa65.N;
    private const int RandomBytes = Hyperball.Streams * Hyperball.RandomBytes;
    private const int KeccakBytes = Shake256x4.StateLanes * 32;
    private const int PolysAt = XBytes + RandomBytes + KeccakBytes;
    private const int ExtendedAt = PolysAt + PolyInts * sizeof(int);
    private const int ProductsAt = ExtendedAt + 2 * PolyInts * sizeof(short);
    private readonly SecretHandle _block = SecretHandle.Allocate(ProductsAt + PolyInts * sizeof(short));

    public Span<double> X => MemoryMarshal.Cast<byte, double>(_block.Span[..XBytes]);

    /// <summary>Four slots' hyperball bytes, slot k's at <see cref="Hyperball.Stream"/>(Random, k).</summary>
    public Span<byte> Random => _block.Span.Slice(XBytes, RandomBytes);

    public Span<Vector256<ulong>> Keccak => MemoryMarshal.Cast<byte, Vector256<ulong>>(_block.Span.Slice(XBytes + RandomBytes, KeccakBytes));

    public Span<int> Polys => MemoryMarshal.Cast<byte, int>(_block.Span.Slice(PolysAt, PolyInts * sizeof(int)));

    /// <summary>The partial secret as <see cref="ChallengeProduct.Extend"/> lays it out (−s ‖ s per polynomial, 16-bit).</summary>
    public Span<short> Extended => MemoryMarshal.Cast<byte, short>(_block.Span.Slice(ExtendedAt, 2 * PolyInts * sizeof(short)));

    /// <summary>c·s_i of one slot, 16-bit.</summary>
    public Span<short> Products => MemoryMarshal.Cast<byte, short>(_block.Span.Slice(ProductsAt, PolyInts * sizeof(short)));

    public void Dispose() => _block.Dispose();

    public override string ToString() => "SignerScratch([redacted])";
}
