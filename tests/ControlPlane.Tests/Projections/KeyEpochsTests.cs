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
    public void Fold_ECDSA_activation_adds_its_key_and_keeps_FROST_as_the_epoch_key()
    {
        var ceremony = CeremonyId.New();
        object[] events =
        [
            new KeyEpochActivated(new KeyEpoch(1), "frost-ed25519", "aa", [], ceremony, T0),
            new KeyEpochActivated(new KeyEpoch(1), "ecdsa-p384", "02bb", [], ceremony, T0),
        ];
        var epochs = ProjectionFolder.Fold<KeyEpochs>(events);
        Assert.Equal("aa", epochs.CurrentPublicKeyHex);
        Assert.Equal("frost-ed25519", epochs.Epochs[1].Scheme);
        Assert.Equal(new Dictionary<string, string> { ["ecdsa-p384"] = "02bb", ["frost-ed25519"] = "aa" }, epochs.Epochs[1].PublicKeys);
        // an old log with FROST activations only: one key per epoch
        Assert.Equal(["frost-ed25519"], ProjectionFolder.Fold<KeyEpochs>([Activated(2, "cc")]).Epochs[2].PublicKeys.Keys);
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

    [Fact]
    public void Second_activation_of_another_scheme_adds_its_key_and_keeps_the_frost_epoch()
    {
        var ecdsa = new KeyEpochActivated(new KeyEpoch(1), "ecdsa-p384", "02ee", [], CeremonyId.New(), T0);
        var epochs = ProjectionFolder.Fold<KeyEpochs>([Activated(1, "aa"), ecdsa]);
        Assert.Equal(1, epochs.Current);
        Assert.Equal("aa", epochs.CurrentPublicKeyHex);
        Assert.Equal("frost-ed25519", epochs.Epochs[1].Scheme);
        Assert.Equal("02ee", epochs.KeyOf(1, "ecdsa-p384"));
        Assert.Equal("aa", epochs.KeyOf(1, "frost-ed25519"));
        Assert.Null(epochs.KeyOf(2, "ecdsa-p384"));

        // the next epoch's FROST activation makes it current; the old epoch keeps its ECDSA key
        var next = ProjectionFolder.Fold<KeyEpochs>([Activated(1, "aa"), ecdsa, Activated(2, "bb")]);
        Assert.Equal(2, next.Current);
        Assert.DoesNotContain("ecdsa-p384", next.KeysOf(2).Keys);
        Assert.Equal("02ee", next.KeyOf(1, "ecdsa-p384"));
    }

    [Fact]
    public void Certificate_of_one_scheme_installs_only_that_scheme_and_a_revocation_stops_the_epoch()
    {
        var ecdsaCert = new CertificateIssued(new KeyEpoch(1), "ecdsa-p384", "0e", "CN=e", "cd", "", T0, T0.AddYears(1));
        var frostCert = new CertificateIssued(new KeyEpoch(1), "frost-ed25519", "0f", "CN=f", "ab", "", T0, T0.AddYears(1));
        var certificates = ProjectionFolder.Fold<Certificates>([frostCert]);
        Assert.True(certificates.Installed(1, "frost-ed25519"));
        Assert.False(certificates.Installed(1, "ecdsa-p384"));
        certificates = ProjectionFolder.Fold<Certificates>([frostCert, ecdsaCert, new CertificateRevoked(new KeyEpoch(1), "0f", "keyCompromise", T0, T0)]);
        Assert.False(certificates.Installed(1, "ecdsa-p384"));
    }
}
