using CcTsa.ControlPlane.Projections;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Projections;

/// <summary>The epoch and certificate views the fleet folds from the log (KeyEpochs + Certificates).</summary>
public class KeyEpochsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static KeyEpochActivated Activated(int n, string key) => new(new KeyEpoch(n), "frost-ed25519", key, [], CeremonyId.New(), T0);

    private static CertificateIssued Issued(int n) => new(new KeyEpoch(n), "Ed25519", "0" + n, "CN=x", "ab", "", T0, T0.AddYears(1));

    [Fact]
    public void Fold_activation_then_certificate_makes_epoch_current_and_installed()
    {
        object[] events = [Activated(1, "aa"), Issued(1)];
        var epochs = ProjectionFolder.Fold<KeyEpochs>(events);
        var certificates = ProjectionFolder.Fold<Certificates>(events);
        Assert.Equal(1, epochs.Current);
        Assert.Equal("aa", epochs.CurrentPublicKeyHex);
        Assert.True(certificates.Installed(1));
        Assert.False(certificates.Installed(2));
        Assert.False(certificates.Revoked(1));
    }

    [Fact]
    public void Fold_revocation_uninstalls_and_an_older_activation_never_goes_back()
    {
        object[] events = [Activated(2, "bb"), Issued(2), Activated(1, "aa"), new CertificateRevoked(new KeyEpoch(2), "02", "keyCompromise", T0, T0)];
        var epochs = ProjectionFolder.Fold<KeyEpochs>(events);
        var certificates = ProjectionFolder.Fold<Certificates>(events);
        Assert.Equal(2, epochs.Current);
        Assert.Equal("bb", epochs.CurrentPublicKeyHex);
        Assert.True(certificates.Revoked(2));
        Assert.False(certificates.Installed(2));
    }

    [Fact]
    public void Fold_before_any_activation_has_no_current_key()
    {
        var epochs = ProjectionFolder.Fold<KeyEpochs>([]);
        Assert.Equal(0, epochs.Current);
        Assert.Equal("", epochs.CurrentPublicKeyHex);
    }
}
