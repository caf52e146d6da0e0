using CcTsa.ControlPlane.Projections;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Projections;

/// <summary>
/// Issue 16: a refresh re-keys ML-DSA-65 within the epoch, so the epoch gets a second ML-DSA-65
/// certificate that replaces the first; the replaced one revoked as superseded does not revoke the
/// epoch (its classical keys sign on), while any other revocation still does.
/// </summary>
public sealed class CertificatesReplacementTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static CertificateIssued Issued(string scheme, string serial) =>
        new(new KeyEpoch(1), scheme, serial, "CN=test", serial + "ff", "", At, At.AddDays(365));

    private static Certificates ReKeyed() => new Certificates()
        .Apply(Issued("frost-ed25519", "01"))
        .Apply(Issued("ecdsa-p384", "02"))
        .Apply(Issued("ml-dsa-65", "03"))
        .Apply(Issued("ml-dsa-65", "04"));

    [Fact]
    public void The_second_ML_DSA_certificate_replaces_the_first_and_its_superseded_revocation_leaves_the_epoch_signing()
    {
        var certificates = ReKeyed().Apply(new CertificateRevoked(new KeyEpoch(1), "03", "superseded", null, At));

        Assert.True(certificates.BySerial["03"].Replaced);
        Assert.True(certificates.BySerial["03"].Revoked);
        Assert.False(certificates.BySerial["04"].Replaced);
        Assert.False(certificates.BySerial["01"].Replaced);
        Assert.False(certificates.Revoked(1));
        Assert.True(certificates.Installed(1, "ml-dsa-65"));
        Assert.True(certificates.Installed(1, "frost-ed25519"));
        Assert.True(certificates.Installed(1));
    }

    [Fact]
    public void A_replaced_certificate_revoked_for_compromise_or_a_current_one_revoked_at_all_still_revokes_the_epoch()
    {
        Assert.True(ReKeyed().Apply(new CertificateRevoked(new KeyEpoch(1), "03", "keyCompromise", At, At)).Revoked(1));
        Assert.True(ReKeyed().Apply(new CertificateRevoked(new KeyEpoch(1), "04", "superseded", null, At)).Revoked(1));
        Assert.True(ReKeyed().Apply(new CertificateRevoked(new KeyEpoch(1), "01", "superseded", null, At)).Revoked(1));
    }

    [Fact]
    public void Only_the_replaced_scheme_loses_its_installed_certificate()
    {
        var onlyOld = new Certificates().Apply(Issued("frost-ed25519", "01")).Apply(Issued("ml-dsa-65", "03"));
        Assert.True(onlyOld.Installed(1, "ml-dsa-65"));
        Assert.False(onlyOld.BySerial["03"].Replaced);
        Assert.True(ReKeyed().BySerial["03"].Replaced);
    }
}
