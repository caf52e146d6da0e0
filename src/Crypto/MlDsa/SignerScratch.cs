using System.Runtime.InteropServices;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The per-slot secret working memory of Rounds 1 and 3 in one sodium_malloc'd block, wiped when
/// disposed: the hyperball point x (doubles), the SHAKE output it was drawn from, and 11 polynomials
/// of integers (ŷ ‖ ê in Round 1; the partial secret's NTT form in Round 3) plus 11 more for products.
/// </summary>
internal sealed class SignerScratch : IDisposable
{
    private const int XBytes = Hyperball.Dimension * sizeof(double);
    private const int PolyInts = (MlDsa65.L + MlDsa65.K) * MlDsa65.N;
    private readonly SecretHandle _block = SecretHandle.Allocate(XBytes + Hyperball.RandomBytes + 2 * PolyInts * sizeof(int));

    public Span<double> X => MemoryMarshal.Cast<byte, double>(_block.Span[..XBytes]);

    public Span<byte> Random => _block.Span.Slice(XBytes, Hyperball.RandomBytes);

    public Span<int> Polys => MemoryMarshal.Cast<byte, int>(_block.Span.Slice(XBytes + Hyperball.RandomBytes, PolyInts * sizeof(int)));

    public Span<int> Products => MemoryMarshal.Cast<byte, int>(_block.Span.Slice(XBytes + Hyperball.RandomBytes + PolyInts * sizeof(int), PolyInts * sizeof(int)));

    public void Dispose() => _block.Dispose();

    public override string ToString() => "SignerScratch([redacted])";
}
