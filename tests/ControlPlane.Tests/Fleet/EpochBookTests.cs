using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Fleet;

public class EpochBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static KeyEpochActivated Activated(int n, string key) => new(new KeyEpoch(n), "frost-ed25519", key, [], CeremonyId.New(), T0);

    private static CertificateIssued Issued(int n) => new(new KeyEpoch(n), "Ed25519", "01", "CN=x", "ab", "", T0, T0.AddYears(1));

    [Fact]
    public void Apply_activation_then_certificate_makes_epoch_current_and_installed()
    {
        var book = EpochBook.Empty.Apply(Activated(1, "aa")).Apply(Issued(1));
        Assert.Equal(1, book.Current);
        Assert.Equal("aa", book.GroupPublicKeyHex);
        Assert.True(book.CertificateInstalled(1));
        Assert.False(book.CertificateInstalled(2));
    }

    [Fact]
    public void Apply_revocation_uninstalls_and_an_older_activation_never_goes_back()
    {
        var book = EpochBook.Empty.Apply(Activated(2, "bb")).Apply(Issued(2)).Apply(Activated(1, "aa"))
            .Apply(new CertificateRevoked(new KeyEpoch(2), "01", "keyCompromise", T0, T0));
        Assert.Equal(2, book.Current);
        Assert.Equal("bb", book.GroupPublicKeyHex);
        Assert.False(book.CertificateInstalled(2));
    }
}
