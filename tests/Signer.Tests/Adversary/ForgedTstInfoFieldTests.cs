using System.Security.Cryptography;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Issue 13 / C1: every TSTInfo field a coordinator could bend is checked by the participants
/// against their own constants and the installed certificate; one bent field and no share leaves.
/// </summary>
[Collection(CertifiedFleet.Collection)]
public sealed class ForgedTstInfoFieldTests(CertifiedFleet fleet)
{
    private MaliciousCoordinator Attacker => new(fleet.Cluster, CertifiedFleet.Epoch);

    private CraftedTstInfo Honest => new() { GenTime = Attacker.Now };

    private void AssertRefused(CraftedTstInfo forged, string reason)
    {
        var (signed, refusal) = Attacker.Ask(forged);
        Assert.False(signed);
        Assert.Contains(reason, refusal);
    }

    [Fact]
    public void Honest_tstinfo_gets_a_share() => Assert.Equal((true, null), Attacker.Ask(Honest));

    [Fact]
    public void Wrong_accuracy_gets_no_share() => AssertRefused(Honest with { Accuracy = TimeSpan.FromHours(1) }, "accuracy");

    [Fact]
    public void Tighter_accuracy_than_enforced_gets_no_share() => AssertRefused(Honest with { Accuracy = TimeSpan.FromMilliseconds(1) }, "accuracy");

    [Fact]
    public void Missing_accuracy_gets_no_share() => AssertRefused(Honest with { Accuracy = null }, "accuracy");

    [Fact]
    public void Ordering_true_gets_no_share() => AssertRefused(Honest with { Ordering = true }, "ordering");

    [Fact]
    public void Extensions_get_no_share() => AssertRefused(Honest with { WithExtension = true }, "extensions");

    [Fact]
    public void Another_tsa_name_gets_no_share()
    {
        using var other = TestCertificates.NewCa("CN=Some Other TSA,O=Elsewhere");
        var otherName = Crypto.Rfc3161.TsaCertificate.Parse(ForeignKeys.CertificateFor(other, CertifiedFleet.Epoch, null)).TsaNameDer;
        AssertRefused(Honest with { TsaField = otherName }, "tsa");
    }

    [Fact]
    public void Missing_tsa_name_gets_no_share() => AssertRefused(Honest with { TsaField = [] }, "tsa");

    [Theory]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(64)]
    public void Imprint_length_not_matching_sha256_gets_no_share(int length) =>
        AssertRefused(Honest with { HashedMessage = RandomNumberGenerator.GetBytes(length) }, "imprint length");

    [Fact]
    public void Policy_not_offered_gets_no_share() => AssertRefused(Honest with { Policy = "1.3.6.1.4.1.4146.2.99" }, "policy");

    [Fact]
    public void Serial_not_embedding_genTime_gets_no_share()
    {
        var honest = Honest;
        AssertRefused(honest with { Serial = SerialNumber.NewRandom() }, "serial");
        AssertRefused(honest with { Serial = CcTsa.Signer.Coordinator.TimedSerial.For(honest.GenTime.AddSeconds(-1)) }, "serial");
    }
}
