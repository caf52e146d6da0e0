using System.Formats.Asn1;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Issue 13 / C1: the signed attributes are exactly content-type, message-digest and
/// signing-certificate-v2. A forged signingTime (or any other attribute) rides on nobody's share.
/// </summary>
[Collection(CertifiedFleet.Collection)]
public sealed class ExtraSignedAttributeTests(CertifiedFleet fleet)
{
    private const string SigningTime = "1.2.840.113549.1.9.5";

    private MaliciousCoordinator Attacker => new(fleet.Cluster, CertifiedFleet.Epoch);

    [Fact]
    public void Forged_signingTime_attribute_gets_no_share()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteUtcTime(DateTimeOffset.UtcNow.AddYears(-3));
        var (signed, refusal) = Attacker.Ask(new CraftedTstInfo { GenTime = Attacker.Now }, (SigningTime, writer.Encode()));
        Assert.False(signed);
        Assert.Contains("signed attributes carry more than", refusal);
    }

    [Fact]
    public void Unknown_private_attribute_gets_no_share()
    {
        var (signed, refusal) = Attacker.Ask(new CraftedTstInfo { GenTime = Attacker.Now }, ("1.3.6.1.4.1.99999.7", [0x05, 0x00]));
        Assert.False(signed);
        Assert.Contains("signed attributes carry more than", refusal);
    }
}
