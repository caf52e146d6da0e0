using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Pki;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Issue 13 / C1: InstallCertificate comes from an untrusted relay. Each forged or re-sent install
/// is handed to a real node's certificate store (what its FleetParticipant does with a bus
/// message) and must be refused, leaving the genuine certificate in place.
/// </summary>
[Collection(CertifiedFleet.Collection)]
public sealed class ForgedCertificateInstallTests(CertifiedFleet fleet)
{
    private const int Epoch = CertifiedFleet.Epoch;
    private static readonly NodeId N2 = NodeId.Parse("n2");

    private TestCluster Cluster => fleet.Cluster;

    private string? Install(byte[] certificate, byte[]? ca = null, long? accuracyMicros = null, string policy = TestCertificates.Policy) =>
        Cluster[N2].Context.Certificates.Install(new InstallCertificate(new KeyEpoch(Epoch), certificate, [ca ?? Cluster.Certificate!.CaDer], policy,
            accuracyMicros ?? TestCertificates.AccuracyMicros));

    private void AssertGenuineStillInstalled() =>
        Assert.Equal(Cluster.Certificate!.Der, Cluster[N2].Context.Certificates.For(Epoch)!.Certificate.Der.ToArray());

    [Fact]
    public void Install_with_a_ten_year_accuracy_is_refused()
    {
        var why = Install(Cluster.Certificate!.Der, accuracyMicros: (long)TimeSpan.FromDays(3650).TotalMicroseconds);
        Assert.Contains("accuracy", why);
        AssertGenuineStillInstalled();
    }

    [Fact]
    public void Certificate_binding_another_accuracy_is_refused()
    {
        var loose = TestCertificates.Issue(Cluster, Epoch, fleet.GroupKey, Cluster.Ca, TimeSpan.FromHours(1));
        Assert.Contains("binds accuracy", Install(loose.Der));
        AssertGenuineStillInstalled();
    }

    [Fact]
    public void Certificate_for_another_key_is_refused()
    {
        var foreign = ForeignKeys.CertificateFor(Cluster.Ca, Epoch, TokenAccuracyExtension.FleetDefault);
        Assert.Equal("certificate rejected: its subject key is not the epoch's group key", Install(foreign));
        AssertGenuineStillInstalled();
    }

    [Fact]
    public void Certificate_not_chaining_to_the_pinned_ca_is_refused_even_with_its_own_ca_relayed()
    {
        using var rogue = TestCertificates.NewCa("CN=CC-TSA Test Root,O=CC-TSA");
        var forged = TestCertificates.Issue(Cluster, Epoch, fleet.GroupKey, rogue, TokenAccuracyExtension.FleetDefault);
        Assert.Contains("does not chain", Install(forged.Der, rogue.CertificateDer));
        AssertGenuineStillInstalled();
    }

    [Fact]
    public void Resent_different_certificate_or_policy_for_a_live_epoch_is_refused()
    {
        var second = TestCertificates.Issue(Cluster, Epoch, fleet.GroupKey);
        Assert.Contains("already has a verified certificate", Install(second.Der));
        Assert.Contains("already has a verified certificate", Install(Cluster.Certificate!.Der, policy: "1.3.6.1.4.1.4146.2.99"));
        AssertGenuineStillInstalled();
    }

    [Fact]
    public void Resent_identical_install_is_a_no_op()
    {
        Assert.Null(Install(Cluster.Certificate!.Der));
        AssertGenuineStillInstalled();
    }

    [Fact]
    public async Task Forged_install_over_the_bus_changes_nothing_a_coordinator_signs()
    {
        await Cluster.Bus.Publish(new InstallCertificate(new KeyEpoch(Epoch), Cluster.Certificate!.Der, [Cluster.Certificate.CaDer], TestCertificates.Policy,
            (long)TimeSpan.FromDays(3650).TotalMicroseconds));
        var items = Requests.Batch(2);
        var signed = TestCluster.SignedOrFail(await Cluster.SignAsync(N2, Epoch, items));
        for (int i = 0; i < items.Count; i++)
        {
            Requests.VerifyIndependently(signed.Tokens[i], items[i], Cluster.Certificate.Der, fleet.GroupKey);
            var tstInfo = new Org.BouncyCastle.Tsp.TimeStampResponse(signed.Tokens[i].ResponseDer).TimeStampToken.TimeStampInfo;
            // the signers' 1 s, not the relayed ten years
            Assert.Equal(1, tstInfo.Accuracy.Seconds?.IntValueExact ?? 0);
            Assert.Null(tstInfo.Accuracy.Millis);
        }
    }
}
