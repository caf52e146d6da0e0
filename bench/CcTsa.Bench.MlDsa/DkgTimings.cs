using CcTsa.Contracts.Ids;
using CcTsa.Crypto.MlDsa.Dkg;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Bench.MlDsa;

/// <summary>CPU of one dealerless key generation, all 5 parties in this thread (sealing of the pair packages not included).</summary>
internal static class DkgTimings
{
    public static double MeanMs(int count)
    {
        Once();
        var clock = CpuClock.StartNew();
        for (var i = 0; i < count; i++) Once();
        return clock.Elapsed.TotalMilliseconds / count;
    }

    private static void Once()
    {
        var ceremony = CeremonyId.New();
        var r1 = Enumerable.Range(1, 5).Select(n => DkgRound1.Commit(ParticipantId.FromIndex(n), ceremony)).ToArray();
        var cmts = r1.Select(r => r.Commitments).ToArray();
        var sent = r1.Select(r => DkgRound1.Send(r.State, cmts).Value).ToArray();
        var reveals = sent.Select(s => s.Reveal).ToArray();
        var masked = r1.Select(r => DkgRound3.Mask(r.State, reveals,
            sent.SelectMany(s => s.Packages).Where(p => p.To == r.State.Party).ToArray()).Value).ToArray();
        foreach (var r in r1)
            DkgFinish.Complete(r.State, masked).Value.Share.Dispose();
        foreach (var p in sent.SelectMany(s => s.Packages)) p.Dispose();
    }
}
