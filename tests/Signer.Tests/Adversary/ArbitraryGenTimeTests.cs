using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Issue 13 / C1, the measured attack: tokens with genTime now−20 h and now+300 days verified under
/// the genuine certificate. A participant now judges genTime against its own trusted clock with
/// the signers' accuracy (plus a transit allowance on the past side only), whatever the relay says.
/// </summary>
[Collection(CertifiedFleet.Collection)]
public sealed class ArbitraryGenTimeTests(CertifiedFleet fleet)
{
    private MaliciousCoordinator Attacker => new(fleet.Cluster, CertifiedFleet.Epoch);

    [Fact]
    public void Honest_genTime_gets_a_share()
    {
        Assert.Equal((true, null), Attacker.Ask(new CraftedTstInfo { GenTime = Attacker.Now }));
    }

    [Theory]
    [InlineData(-20 * 3600.0)]  // the measured backdating
    [InlineData(300 * 86400.0)] // the measured post-dating
    [InlineData(-2 * 3600.0)]
    [InlineData(3600.0)]
    [InlineData(-30.0)]         // beyond accuracy + allowance, still "recent"
    [InlineData(3.0)]           // ahead by more than the accuracy
    public void GenTime_off_the_participants_clock_gets_no_share(double offsetSeconds)
    {
        var (signed, refusal) = Attacker.Ask(new CraftedTstInfo { GenTime = Attacker.Now.AddSeconds(offsetSeconds) });
        Assert.False(signed);
        Assert.Contains("genTime", refusal);
    }
}
