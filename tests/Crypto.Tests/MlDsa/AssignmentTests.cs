using CcTsa.Crypto.MlDsa;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>The reference's share assignment: for every signer set a partition of the 10 subsets, ≤ 4 per signer, each held by its user.</summary>
public sealed class AssignmentTests
{
    public static TheoryData<int, int, int> AllSignerSets()
    {
        var d = new TheoryData<int, int, int>();
        for (var a = 1; a <= 5; a++)
            for (var b = a + 1; b <= 5; b++)
                for (var c = b + 1; c <= 5; c++) d.Add(a, b, c);
        return d;
    }

    [Theory]
    [MemberData(nameof(AllSignerSets))]
    public void Assignment_partitions_all_subsets_among_holders(int a, int b, int c)
    {
        var set = SignerSet.Of([MlDsaHarness.P(a), MlDsaHarness.P(b), MlDsaHarness.P(c)]);
        var parts = new[] { a, b, c }.Select(n => (Index: n - 1, Masks: Assignment.For(set, n - 1))).ToArray();
        var all = parts.SelectMany(p => p.Masks).ToArray();
        Assert.Equal(SubsetMask.All.OrderBy(m => m.Value), all.OrderBy(m => m.Value));
        Assert.All(parts, p => Assert.InRange(p.Masks.Count, 1, 4));
        Assert.All(parts, p => Assert.All(p.Masks, m => Assert.True(m.Contains(p.Index), $"{m} assigned to non-holder {p.Index}")));
    }

    [Fact]
    public void Assignment_matches_the_reference_worked_example()
    {
        // Notes §3.5: act = {1,3,4} (0-based) → P1 {7,11,14,19}, P3 {26,25,28,13}, P4 {21,22}.
        var set = SignerSet.Of([MlDsaHarness.P(2), MlDsaHarness.P(4), MlDsaHarness.P(5)]);
        Assert.Equal(new byte[] { 7, 11, 14, 19 }, Assignment.For(set, 1).Select(m => m.Value).Order());
        Assert.Equal(new byte[] { 13, 25, 26, 28 }, Assignment.For(set, 3).Select(m => m.Value).Order());
        Assert.Equal(new byte[] { 21, 22 }, Assignment.For(set, 4).Select(m => m.Value).Order());
    }

    [Fact]
    public void Two_parties_together_miss_exactly_the_subset_of_the_other_three()
    {
        for (var i = 0; i < 5; i++)
            for (var j = i + 1; j < 5; j++)
            {
                var missing = SubsetMask.All.Except(SubsetMask.HeldBy(i).Union(SubsetMask.HeldBy(j))).ToArray();
                Assert.Equal([new SubsetMask((byte)(31 & ~(1 << i) & ~(1 << j)))], missing);
            }
    }
}
