using System.Text;
using CcTsa.Contracts.Ids;
using Org.BouncyCastle.Crypto.Digests;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>SHAKE256("cctsa/thmldsa65/dkg/&lt;label&gt;/v1" ‖ ceremony ‖ fields): every field is fixed-length, so plain concatenation is unambiguous.</summary>
internal static class DkgHash
{
    public static void Into(Span<byte> output, string label, CeremonyId ceremony, params ReadOnlySpan<byte[]> fields)
    {
        var h = Start(label, ceremony);
        foreach (var f in fields) h.BlockUpdate(f);
        h.OutputFinal(output);
    }

    public static ShakeDigest Start(string label, CeremonyId ceremony)
    {
        var h = new ShakeDigest(256);
        h.BlockUpdate(Encoding.ASCII.GetBytes("cctsa/thmldsa65/dkg/" + label + "/v1"));
        Span<byte> id = stackalloc byte[16];
        ceremony.Value.TryWriteBytes(id);
        h.BlockUpdate(id);
        return h;
    }

    public static byte[] Commit(string label, CeremonyId ceremony, byte subset, int party, ReadOnlySpan<byte> value)
    {
        var h = Start(label, ceremony);
        h.BlockUpdate([subset, (byte)party]);
        h.BlockUpdate(value);
        var o = new byte[32];
        h.OutputFinal(o);
        return o;
    }
}
