using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// Stand-in for the ECDSA half of a ceremony until real ceremonies make it: runs the DKLs23 DKG
/// and every pairwise setup in process (Crypto API) over the nodes given, and stores each node's
/// share and setups in its vault (<see cref="Vault.ShareVault.StoreEcdsa"/>, <see cref="Vault.EcdsaEpochShare.AddPair"/>).
/// The epoch's FROST share must be stored first. Returns the group key (SEC1 uncompressed).
/// </summary>
internal static class EcdsaShares
{
    public static byte[] Install(IReadOnlyList<SignerNode> nodes, int epoch, int threshold = TestCluster.Threshold)
    {
        var ids = nodes.Select(n => ParticipantId.FromNode(n.Id)).ToArray();
        var context = RandomNumberGenerator.GetBytes(32);
        var round1 = ids.Select(i => DkgPart1.Run(i, threshold, ids, context)).ToArray();
        var shares = ids.SelectMany((_, k) => DkgPart2.Run(round1[k].Secret, [.. round1.Where((_, j) => j != k).Select(r => r.Message)]).Value).ToList();
        var keys = ids.Select((id, k) => DkgPart3.Run(round1[k].Secret, round1[k].Message, [.. round1.Where((_, j) => j != k).Select(r => r.Message)],
            [.. shares.Where(s => s.To == id)]).Value).ToArray();
        var groupKey = keys[0].PublicKey.EncodeUncompressed();
        var pairs = from a in ids from b in ids where a < b select (a, b);
        var setups = pairs.AsParallel().Select(p =>
        {
            var (sa, ma) = PairwiseSetup.Round1(keys[0].Sid, p.a, p.b);
            var (sb, mb) = PairwiseSetup.Round1(keys[0].Sid, p.b, p.a);
            var ra = PairwiseSetup.Round2(sa, mb).Value;
            var rb = PairwiseSetup.Round2(sb, ma).Value;
            return (p.a, p.b, A: PairwiseSetup.Finish(sa, rb).Value, B: PairwiseSetup.Finish(sb, ra).Value);
        }).ToList();
        for (var k = 0; k < nodes.Count; k++)
        {
            var vault = nodes[k].Context.Vault;
            Assert.True(vault.StoreEcdsa(epoch, keys[k]), $"{nodes[k].Id} holds no FROST share of epoch {epoch}");
            var own = ids[k];
            Assert.True(vault.Use(epoch, s =>
            {
                foreach (var st in setups.Where(x => x.a == own || x.b == own)) s.Ecdsa!.AddPair(st.a == own ? st.A : st.B);
                return true;
            }, out _));
        }
        return groupKey;
    }
}
