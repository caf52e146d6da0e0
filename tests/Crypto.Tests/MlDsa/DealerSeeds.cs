using CcTsa.Crypto.MlDsa;
using Org.BouncyCastle.Crypto.Digests;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>Re-expands the reference dealer's stream to build a share with one subset replaced by a guess (the 2-party coalition test).</summary>
internal static class DealerSeeds
{
    public static PartyKeyShare ForgedShare(byte[] xi, MlDsaPublicKey pk, int partyNode, SubsetMask unknown)
    {
        var x = new ShakeDigest(256);
        x.BlockUpdate(xi);
        x.BlockUpdate([MlDsa65.K, MlDsa65.L]);
        var stream = new byte[32 + 5 * 32 + 10 * 64];
        x.OutputFinal(stream);
        var guess = new byte[64];
        Random.Shared.NextBytes(guess);
        var all = SubsetMask.All.ToList();
        return PartyKeyShare.FromSubsetSeeds(MlDsaHarness.P(partyNode), pk, new byte[32],
            m => m == unknown ? guess : stream.AsMemory(32 + 5 * 32 + all.IndexOf(m) * 64, 64));
    }
}
