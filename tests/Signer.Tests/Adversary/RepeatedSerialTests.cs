using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Issue 13 / C1: a serial is signed at most once. A coordinator re-using one, in the same batch
/// or in a later round, gets no share for it.
/// </summary>
[Collection(CertifiedFleet.Collection)]
public sealed class RepeatedSerialTests(CertifiedFleet fleet)
{
    private MaliciousCoordinator Attacker => new(fleet.Cluster, CertifiedFleet.Epoch);

    [Fact]
    public void Serial_repeated_in_a_later_round_gets_no_share()
    {
        var now = Attacker.Now;
        var first = new CraftedTstInfo { GenTime = now, Serial = CcTsa.Signer.Coordinator.TimedSerial.For(now) };
        Assert.Equal((true, null), Attacker.Ask(first));
        var (signed, refusal) = Attacker.Ask(first with { HashedMessage = System.Security.Cryptography.SHA256.HashData("other"u8) });
        Assert.False(signed);
        Assert.Contains("serial already signed", refusal);
    }

    [Fact]
    public void Serial_repeated_within_one_batch_gets_no_share()
    {
        var now = Attacker.Now;
        var one = new CraftedTstInfo { GenTime = now, Serial = CcTsa.Signer.Coordinator.TimedSerial.For(now) };
        var (signed, refusal) = Attacker.Ask([one, one with { HashedMessage = System.Security.Cryptography.SHA256.HashData("twin"u8) }]);
        Assert.False(signed);
        Assert.Equal("item 1: serial already signed", refusal);
    }

    [Fact]
    public void Distinct_serials_in_one_batch_get_shares()
    {
        var now = Attacker.Now;
        Assert.Equal((true, null), Attacker.Ask([new CraftedTstInfo { GenTime = now }, new CraftedTstInfo { GenTime = now }]));
    }
}
