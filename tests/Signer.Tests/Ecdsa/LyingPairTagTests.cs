using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Participants;
using CcTsa.Signer.Tests.Adversary;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Ecdsa;

/// <summary>
/// A compromised n4 sends n2 a wrong pair tag in every round-1 payload, to make its presign runs fail
/// without being named (issue 15). Each such run names nobody and gets the pair redone — as for an
/// honest lost setup message — but once the mismatch outlasts the fresh setups an honest peer could
/// cause (<see cref="PairTagStrikes"/>), n2 names n4 and the coordinator's outcome carries it. The
/// redo interval is zero here so the fresh setups follow each other at once (10 s in production).
/// </summary>
[Collection(FleetCollection.Name)]
public class LyingPairTagTests
{
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task A_peer_whose_tag_never_matches_a_fresh_setup_is_named_after_the_honest_allowance()
    {
        var (cluster, _) = await Fleet.EcdsaSigningTests.EcdsaFleetAsync(certify: false,
            customize: (_, o) => o with { PairRedoAtMostEvery = TimeSpan.Zero });
        await using var __ = cluster;
        cluster[N4].Context.Messenger.Compromised = (_, message) => message is PresignStepAnswered { Step: 1 } a
            ? a with { ToPeers = [.. a.ToPeers.Select(p => p.Node == N2 ? p with { Items = [.. p.Items.Select(FlipTag)] } : p)] }
            : message;

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var setups = new List<string>();
        var outcomes = new List<CcTsa.Signer.Coordinator.RoundOutcome>();
        while (setups.Count <= PairTagStrikes.HonestMismatchesAtMost)
        {
            // a fresh setup both ends finished (n4 does take part in setups: it only lies about the tag)
            await Eventually.TrueAsync(() => EcdsaKeyCeremonyTests.PairOf(cluster[N2], N4) is { } p && !setups.Contains(p.SetupTag)
                && EcdsaKeyCeremonyTests.PairOf(cluster[N4], N2)?.SetupTag == p.SetupTag, "a fresh n2–n4 setup");
            setups.Add(EcdsaKeyCeremonyTests.PairOf(cluster[N2], N4)!.SetupTag);
            var failed = await cluster[N2].Presigner.FillAsync(1, [N4, N5], 1, cts.Token);
            Assert.NotNull(failed);
            Assert.Contains("PairMismatch", failed!.Reason, StringComparison.Ordinal);
            outcomes.Add(failed);
        }

        // the first mismatches (as many as an honest peer can cause) name nobody; the next names n4 only
        Assert.All(outcomes.Take(PairTagStrikes.HonestMismatchesAtMost), o => Assert.Empty(o.Culprits));
        Assert.Equal(new[] { N4 }, outcomes[^1].Culprits);
        Assert.Equal(PairTagStrikes.HonestMismatchesAtMost + 1, setups.Distinct().Count());
    }

    private static byte[] FlipTag(byte[] item)
    {
        var copy = (byte[])item.Clone();
        copy[0] ^= 1;                   // the pair tag is the first 16 bytes of a round-1 payload
        return copy;
    }
}
