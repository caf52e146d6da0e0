using System.Numerics;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tests.Pki;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// Issue 16, "refresh re-keys ML-DSA": after a refresh recorded a new KeyEpochActivated "ml-dsa-65"
/// for the same epoch, the distributor issues a certificate for the new key (CSR signed by it),
/// installs it on every node and revokes the replaced ML-DSA-65 certificate alone (superseded) — the
/// epoch's FROST and ECDSA certificates stay valid, and the CRL names only the old PQ serial.
/// </summary>
public sealed class MlDsaRekeyCertificateTests : IAsyncLifetime
{
    private const string MlDsa = "ml-dsa-65";
    private readonly PkiFixture _pki = new();
    private SqliteEventLog _log = null!;
    private DistributorHarness _fixture = null!;
    private ITestHarness _harness = null!;
    private FleetState _state = null!;
    private CertificateDistributor _distributor = null!;
    private readonly IReadOnlyList<NodeId> _holders = [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)];

    public async Task InitializeAsync()
    {
        _pki.Options.TsaPolicies = [.. ControlPlaneHost.PolicySet(TsaPolicies.Ed25519).Offered];
        _fixture = await DistributorHarness.StartAsync(_pki, ControlPlaneHost.PolicySet(TsaPolicies.Ed25519), "cctsa-mldsa-rekey-");
        (_log, _state, _harness, _distributor) = (_fixture.Log, _fixture.State, _fixture.Harness, _fixture.Distributor);
        var dkg = CeremonyId.New();
        await _state.RecordAsync([
            new KeyEpochActivated(new KeyEpoch(1), CeremonyRunner.Scheme, Convert.ToHexStringLower(_pki.Key.PublicKey), _holders, dkg, DateTimeOffset.UtcNow),
            new KeyEpochActivated(new KeyEpoch(1), "ecdsa-p384", _pki.Keys.EcdsaFor(1).PublicKeyHex, _holders, dkg, DateTimeOffset.UtcNow),
            new KeyEpochActivated(new KeyEpoch(1), MlDsa, _pki.Keys.MlDsaFor(1).PublicKeyHex, _holders, dkg, DateTimeOffset.UtcNow),
        ], CancellationToken.None);
        Assert.True((await _distributor.ProvisionAsync(1, Convert.ToHexStringLower(_pki.Key.PublicKey), CancellationToken.None)).Value);
    }

    public async Task DisposeAsync()
    {
        await _fixture.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task A_re_keyed_ML_DSA_key_gets_a_new_certificate_and_only_the_old_PQ_certificate_is_revoked()
    {
        var frost = _pki.Service.ForEpoch(1)!;
        var ecdsa = _pki.Service.ForEpoch(1, "ecdsa-p384")!;
        var replaced = _pki.Service.ForEpoch(1, MlDsa)!;
        Assert.Equal(_pki.Keys.MlDsaFor(1).PublicKey, replaced.PublicKey.ToArray());
        var installsBefore = _harness.Sent.Select<InstallCertificate>().Count();

        // the refresh re-keyed ML-DSA-65: CeremonyRunner recorded the new key for the same epoch
        var rekeyed = _pki.Keys.RekeyMlDsa(1);
        await _state.RecordAsync(new KeyEpochActivated(new KeyEpoch(1), MlDsa, rekeyed.PublicKeyHex, _holders, CeremonyId.New(), DateTimeOffset.UtcNow), CancellationToken.None);
        var recertified = await _distributor.RecertifyAsync(1, MlDsa, replaced, CancellationToken.None);

        Assert.True(recertified.Value);
        var current = _pki.Service.ForEpoch(1, MlDsa)!;
        Assert.Equal(rekeyed.PublicKey, current.PublicKey.ToArray());
        Assert.NotEqual(replaced.SerialNumber.ToArray(), current.SerialNumber.ToArray());
        Assert.Equal(new KeyEpoch(1), current.Epoch);
        Assert.Equal([TsaPolicies.MlDsa65.Oid, TsaPolicies.Hybrid.Oid], current.CertificatePolicies!.Value.ToArray());
        // installed on every node, for the ml-dsa-65 policy
        var installed = _harness.Sent.Select<InstallCertificate>().Skip(installsBefore).Select(m => m.Context.Message).ToList();
        Assert.Equal(5, installed.Count);
        Assert.All(installed, m =>
        {
            Assert.Equal(TsaPolicies.MlDsa65.Oid, m.Policy);
            Assert.Equal(current.Der.ToArray(), m.TsaCertificateDer);
        });

        // the old PQ certificate alone is revoked, as superseded; the classical ones are not
        var revoked = Assert.Single(_pki.Journal.Revoked);
        Assert.Equal(replaced.SerialNumber.ToArray(), revoked.Certificate.SerialNumber.ToArray());
        Assert.Equal(CrlRevocationReason.Superseded, revoked.Reason);
        var crl = CrlEntries.Read(_pki.Service.CrlDer()!).Entries.Select(e => e.Serial).ToList();
        Assert.Equal([Serial(replaced)], crl);
        Assert.DoesNotContain(Serial(frost), crl);
        Assert.DoesNotContain(Serial(ecdsa), crl);
        Assert.DoesNotContain(Serial(current), crl);

    }

    [Fact]
    public async Task A_re_key_left_uncertified_is_certified_when_a_node_attests_and_the_stale_certificate_revoked()
    {
        // the control plane stopped between the refresh and the certificate: the log has the new key, data/pki the old certificate
        var stale = _pki.Service.ForEpoch(1, MlDsa)!;
        var rekeyed = _pki.Keys.RekeyMlDsa(1);
        await _state.RecordAsync(new KeyEpochActivated(new KeyEpoch(1), MlDsa, rekeyed.PublicKeyHex, _holders, CeremonyId.New(), DateTimeOffset.UtcNow), CancellationToken.None);

        await _distributor.InstallOnAsync(NodeId.FromIndex(2), CancellationToken.None);

        Assert.Equal(rekeyed.PublicKey, _pki.Service.ForEpoch(1, MlDsa)!.PublicKey.ToArray());
        var revoked = Assert.Single(_pki.Journal.Revoked);
        Assert.Equal(stale.SerialNumber.ToArray(), revoked.Certificate.SerialNumber.ToArray());
    }

    [Fact]
    public async Task The_installed_certificate_is_never_revoked_alone()
    {
        var current = _pki.Service.ForEpoch(1, MlDsa)!;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _pki.Service.RevokeReplacedAsync(new KeyEpoch(1), current, CancellationToken.None));
        Assert.Contains("still the installed one", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_pki.Journal.Revoked);
    }

    private static BigInteger Serial(TsaCertificate c) => new(c.SerialNumber.AsSpan(), isUnsigned: true, isBigEndian: true);
}
