using System.Numerics;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Tests.Pki;

/// <summary>
/// The PKI side of an epoch's second key (issue 15): its certificate lives beside the FROST one
/// (data/pki/epochs/{n}.ecdsa-p384.pem, the FROST file names unchanged), and revoking the epoch
/// revokes both, in the journal and in the CRL.
/// </summary>
public sealed class EcdsaCertificateServiceTests : IDisposable
{
    private readonly PkiFixture _pki = new();

    [Fact]
    public async Task Ecdsa_certificate_is_kept_beside_the_frost_one_and_revoked_with_it()
    {
        var epoch = new KeyEpoch(1);
        Assert.True((await _pki.Service.ProvisionEpochAsync(epoch, _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None)).IsOk);
        var ecdsa = await _pki.Service.ProvisionEpochAsync(epoch, "ecdsa-p384", _pki.Keys.EcdsaFor(1).PublicKey, PkiFixture.Measurement, CancellationToken.None);
        Assert.True(ecdsa.IsOk, ecdsa.IsOk ? null : ecdsa.Error.Detail);

        Assert.True(File.Exists(_pki.Layout.EpochCertificate(1)));
        Assert.True(File.Exists(Path.Combine(_pki.Layout.Epochs, "1.ecdsa-p384.pem")));
        Assert.True(File.Exists(Path.Combine(_pki.Layout.Epochs, "1.ecdsa-p384.csr.pem")));
        Assert.Equal([1], _pki.Service.EpochsOnDisk());
        Assert.NotEqual(_pki.Service.EpochPem(1), _pki.Service.EpochPem(1, "ecdsa-p384"));

        await _pki.Service.RevokeAsync(epoch, CrlRevocationReason.KeyCompromise, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);

        Assert.Equal(2, _pki.Journal.Revoked.Count);
        var revokedSerials = CrlEntries.Read(_pki.Service.CrlDer()!).Entries.Select(e => e.Serial).ToList();
        foreach (var certificate in new[] { _pki.Service.ForEpoch(1)!, _pki.Service.ForEpoch(1, "ecdsa-p384")! })
            Assert.Contains(new BigInteger(certificate.SerialNumber.AsSpan(), isUnsigned: true, isBigEndian: true), revokedSerials);
    }

    [Fact]
    public async Task Scheme_name_that_could_leave_the_folder_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _pki.Layout.EpochCertificate(1, "../x"));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), "no-such-scheme", new byte[49], PkiFixture.Measurement, CancellationToken.None));
    }

    public void Dispose() => _pki.Dispose();
}
