using CcTsa.Crypto.Frost;
using static CcTsa.Crypto.Tests.Vectors.VectorData;

namespace CcTsa.Crypto.Tests.Vectors;

/// <summary>repair-share.json: the additive steps of the Repairable Threshold Scheme.</summary>
public class RepairVectorsTests
{
    [Fact]
    public void Repair_vector_delta_sum_matches()
    {
        var v = Load("repair-share.json").GetProperty("scalar_generation");
        using var sum = Repair.Sum([Sc(v.GetProperty("random_scalar_1")), Sc(v.GetProperty("random_scalar_2")), Sc(v.GetProperty("random_scalar_3"))]);
        using var expected = Sc(v.GetProperty("random_scalar_sum"));
        Assert.True(expected.SecretEquals(sum));
    }

    [Fact]
    public void Repair_vector_sigma_sum_is_the_repaired_share()
    {
        var v = Load("repair-share.json").GetProperty("sigma_generation");
        using var sum = Repair.Sum(Enumerable.Range(1, 4).Select(i => Sc(v.GetProperty("sigma_" + i))));
        using var expected = Sc(v.GetProperty("sigma_sum"));
        Assert.True(expected.SecretEquals(sum));
    }
}
