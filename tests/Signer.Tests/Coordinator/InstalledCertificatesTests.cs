using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Pki;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Tests.Adversary;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Coordinator;

/// <summary>
/// Installing without a CA given at start: trust on first install pins the CA of the first accepted
/// certificate for the node's lifetime (the weaker mode, documented in SECURITY.md).
/// </summary>
public class InstalledCertificatesTests
{
    private static readonly long Micros = TestCertificates.AccuracyMicros;

    private static InstallCertificate Message(int epoch, byte[] certificate, byte[] ca) =>
        new(new KeyEpoch(epoch), certificate, [ca], TestCertificates.Policy, Micros);

    private static InstalledCertificates Store(TsaCaPin? pin = null) =>
        new(TokenAccuracyExtension.FleetDefault, pin, (_, _) => null, () => DateTimeOffset.UtcNow);

    [Fact]
    public void First_install_pins_its_ca_and_a_later_ca_is_refused()
    {
        using var first = TestCertificates.NewCa();
        using var second = TestCertificates.NewCa("CN=Another Root,O=Elsewhere");
        var store = Store();
        Assert.Null(store.Install(Message(1, ForeignKeys.CertificateFor(first, 1, TokenAccuracyExtension.FleetDefault), first.CertificateDer)));
        Assert.Equal(TsaCaPin.FromDer(first.CertificateDer), store.Pin);
        Assert.Contains("does not chain", store.Install(Message(2, ForeignKeys.CertificateFor(second, 2, TokenAccuracyExtension.FleetDefault), second.CertificateDer)));
        Assert.Null(store.For(2));
    }

    [Fact]
    public void Certificate_without_the_accuracy_extension_is_accepted_and_tokens_keep_the_nodes_accuracy()
    {
        using var ca = TestCertificates.NewCa();
        var store = Store(TsaCaPin.FromDer(ca.CertificateDer));
        Assert.Null(store.Install(Message(1, ForeignKeys.CertificateFor(ca, 1, accuracy: null), ca.CertificateDer)));
        Assert.Equal(TokenAccuracyExtension.FleetDefault, store.For(1)!.Accuracy);
    }

    [Fact]
    public void Certificate_issued_for_a_non_tsa_use_is_refused()
    {
        using var ca = TestCertificates.NewCa();
        var store = Store(TsaCaPin.FromDer(ca.CertificateDer));
        // the CA's own certificate: chains (self-signed) but its EKU is not timeStamping
        Assert.Contains("certificate rejected", store.Install(Message(1, ca.CertificateDer, ca.CertificateDer)));
    }

    [Theory]
    [InlineData("1.3.6.1.4.1.4146.2.3", null)]
    [InlineData("2.5.29.32.0", null)]
    [InlineData("1.3.6.1.4.1.4146.2.99", "not among the policies its CA certified")]
    public void Relayed_policy_must_be_one_the_ca_certified(string certified, string? refusal)
    {
        // The relay names the policy in InstallCertificate; when the CA certified policies, the
        // relay can no longer choose another one on first install (TestCertificates.Policy is relayed).
        using var ca = TestCertificates.NewCa();
        var store = Store(TsaCaPin.FromDer(ca.CertificateDer));
        var why = store.Install(Message(1, ForeignKeys.CertificateFor(ca, 1, TokenAccuracyExtension.FleetDefault, certified), ca.CertificateDer));
        if (refusal is null) Assert.Null(why);
        else
        {
            Assert.Contains(refusal, why);
            Assert.Null(store.For(1));
        }
    }
}
