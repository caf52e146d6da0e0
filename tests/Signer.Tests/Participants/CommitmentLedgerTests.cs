using CcTsa.Signer.Participants;
using FsCheck.Xunit;

namespace CcTsa.Signer.Tests.Participants;

/// <summary>
/// The nonce pool bookkeeping (issue 13, M3): per-coordinator quota, time-to-live, and the reserve
/// kept for the node's own coordination, checked on single cases and on random operation sequences.
/// </summary>
public class CommitmentLedgerTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private static IEnumerable<string> Keys(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i}");

    [Fact]
    public void Grantable_is_capped_by_the_coordinators_quota()
    {
        var ledger = new CommitmentLedger(quota: 10, capacity: 100, reserve: 20, Ttl);
        Assert.Equal(10, ledger.Grantable(N1, 4096));
        ledger.Issued(N1, Keys("a", 10), T0);
        Assert.Equal(0, ledger.Grantable(N1, 1));
        Assert.Equal(10, ledger.Grantable(N2, 50));   // another coordinator has its own quota
    }

    [Fact]
    public void Released_commitments_stop_counting()
    {
        var ledger = new CommitmentLedger(quota: 10, capacity: 100, reserve: 20, Ttl);
        ledger.Issued(N1, Keys("a", 10), T0);
        Assert.True(ledger.Release("a3"));
        Assert.False(ledger.Release("a3"));           // once only
        Assert.False(ledger.Release("unknown"));
        Assert.Equal(9, ledger.Outstanding(N1));
        Assert.Equal(1, ledger.Grantable(N1, 5));
    }

    [Fact]
    public void Commitments_expire_after_the_ttl_and_free_the_quota()
    {
        var ledger = new CommitmentLedger(quota: 10, capacity: 100, reserve: 20, Ttl);
        ledger.Issued(N1, Keys("old", 6), T0);
        ledger.Issued(N1, Keys("new", 4), T0 + TimeSpan.FromMinutes(5));
        Assert.Empty(ledger.Expire(T0 + Ttl - TimeSpan.FromTicks(1)));
        var expired = ledger.Expire(T0 + Ttl);
        Assert.Equal(Keys("old", 6).Order(), expired.Order());
        Assert.Equal(4, ledger.Outstanding(N1));
        Assert.Equal(6, ledger.Grantable(N1, 100));
    }

    [Fact]
    public void Coordinators_together_never_take_the_reserve()
    {
        // four coordinators of quota 30 would want 120; only capacity − reserve = 80 is handed out
        var ledger = new CommitmentLedger(quota: 30, capacity: 100, reserve: 20, Ttl);
        var granted = 0;
        foreach (var i in Enumerable.Range(1, 4))
        {
            var n = ledger.Grantable(NodeId.FromIndex(i), 30);
            ledger.Issued(NodeId.FromIndex(i), Keys($"c{i}-", n), T0);
            granted += n;
        }
        Assert.Equal(80, granted);
        Assert.Equal(0, ledger.Grantable(NodeId.FromIndex(5), 1));
    }

    [Fact]
    public void Issuing_more_than_granted_is_a_bug_not_a_silent_overdraft()
    {
        var ledger = new CommitmentLedger(quota: 3, capacity: 100, reserve: 20, Ttl);
        Assert.Throws<InvalidOperationException>(() => ledger.Issued(N1, Keys("a", 4), T0));
    }

    /// <summary>
    /// Random interleavings of requests (granted as the ledger allows), releases and clock steps by
    /// five coordinators: no coordinator ever holds more than its quota, the reserve is always free,
    /// and nothing outlives the ttl.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Quota_and_reserve_hold_under_any_sequence(int[] ops)
    {
        const int quota = 40, capacity = 150, reserve = 30;
        var ledger = new CommitmentLedger(quota, capacity, reserve, Ttl);
        var now = T0;
        var live = new List<(string Key, DateTimeOffset At)>();
        var next = 0;
        foreach (var op in ops ?? [])
        {
            var u = op & int.MaxValue;   // non-negative, even for int.MinValue
            var coordinator = NodeId.FromIndex(1 + u % 5);
            var amount = u / 5 % 64;
            switch (u % 3)
            {
                case 0:
                    var n = ledger.Grantable(coordinator, amount);
                    var keys = Enumerable.Range(0, n).Select(_ => $"k{next++}").ToList();
                    ledger.Issued(coordinator, keys, now);
                    live.AddRange(keys.Select(k => (k, now)));
                    break;
                case 1 when live.Count > 0:
                    var i = amount % live.Count;
                    if (!ledger.Release(live[i].Key)) return false;
                    live.RemoveAt(i);
                    break;
                default:
                    now += TimeSpan.FromMinutes(amount % 7);
                    var expired = ledger.Expire(now).ToHashSet();
                    if (live.Any(l => l.At + Ttl <= now && !expired.Contains(l.Key))) return false;
                    live.RemoveAll(l => expired.Contains(l.Key));
                    break;
            }
            if (ledger.Total != live.Count || ledger.Total > capacity - reserve) return false;
            if (TestClusterIds.All.Any(c => ledger.Outstanding(c) > quota)) return false;
        }
        return true;
    }

    private static class TestClusterIds
    {
        public static readonly IReadOnlyList<NodeId> All = [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)];
    }
}
