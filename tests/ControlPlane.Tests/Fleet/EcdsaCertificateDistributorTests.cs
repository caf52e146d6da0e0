using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
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
/// Issue 15 item 4: an epoch whose ceremony recorded a second KeyEpochActivated "ecdsa-p384" gets
/// an ECDSA P-384 certificate beside the FROST one — CSR threshold-signed with the ECDSA key
/// (checked), issued by the dev CA for the ecdsa policy only, installed with InstallCertificate
/// (Policy = the ecdsa OID) on every node — and a fleet whose ECDSA answer does not verify leaves
/// the FROST certificate and its installation untouched.
/// </summary>
public sealed class EcdsaCertificateDistributorTests : IAsyncLifetime
{
    private readonly PkiFixture _pki = new();
    private SqliteEventLog _log = null!;
    private DistributorHarness _fixture = null!;
    private ITestHarness _harness = null!;
    private FleetState _state = null!;
    private CertificateDistributor _distributor = null!;

    public async Task InitializeAsync()
    {
        _pki.Options.TsaPolicies = [.. ControlPlaneHost.PolicySet(TsaPolicies.Ed25519).Offered];
        _fixture = await DistributorHarness.StartAsync(_pki, ControlPlaneHost.PolicySet(TsaPolicies.Ed25519), "cctsa-ecdsa-distributor-");
        (_log, _state, _harness, _distributor) = (_fixture.Log, _fixture.State, _fixture.Harness, _fixture.Distributor);
        var holders = Enumerable.Range(1, 5).Select(NodeId.FromIndex).ToList();
        var ceremony = CeremonyId.New();
        await _state.RecordAsync([
            new KeyEpochActivated(new KeyEpoch(1), CeremonyRunner.Scheme, FrostKeyHex, holders, ceremony, DateTimeOffset.UtcNow),
            new KeyEpochActivated(new KeyEpoch(1), "ecdsa-p384", _pki.Keys.EcdsaFor(1).PublicKeyHex, holders, ceremony, DateTimeOffset.UtcNow),
        ], CancellationToken.None);
    }

    private string FrostKeyHex => Convert.ToHexStringLower(_pki.Key.PublicKey);

    public async Task DisposeAsync()
    {
        await _fixture.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Epoch_with_an_ecdsa_key_gets_an_ecdsa_certificate_for_the_ecdsa_policy_installed_on_every_node()
    {
        var provisioned = await _distributor.ProvisionAsync(1, FrostKeyHex, CancellationToken.None);

        Assert.True(provisioned.Value);
        var ecdsa = _pki.Service.ForEpoch(1, "ecdsa-p384");
        Assert.NotNull(ecdsa);
        Assert.Equal(TokenSignatureAlgorithm.EcdsaP384Sha384, ecdsa.Algorithm);
        Assert.True(P384Points.SamePoint(ecdsa.PublicKey.AsSpan(), _pki.Keys.EcdsaFor(1).PublicKey));
        // its own policy and the hybrid one, whose SignerInfo the ECDSA key signs (issue 16)
        Assert.Equal([TsaPolicies.EcdsaP384.Oid, TsaPolicies.Hybrid.Oid], ecdsa.CertificatePolicies!.Value.ToArray());
        Assert.Equal(new KeyEpoch(1), ecdsa.Epoch);
        Assert.Contains("ECDSA P-384 epoch 1", new System.Security.Cryptography.X509Certificates.X500DistinguishedName(ecdsa.SubjectDer.AsSpan()).Name, StringComparison.Ordinal);
        // the FROST certificate never certifies the ECDSA policy
        Assert.False(_pki.Service.ForEpoch(1)!.Certifies(TsaPolicies.EcdsaP384.Oid));
        Assert.False(_pki.Service.ForEpoch(1)!.Certifies(TsaPolicies.Hybrid.Oid));
        Assert.Equal([TokenSignatureAlgorithm.Ed25519, TokenSignatureAlgorithm.EcdsaP384Sha384], _pki.Journal.Issued.Select(i => i.Certificate.Algorithm));

        var sent = _harness.Sent.Select<InstallCertificate>().Select(m => m.Context.Message).ToList();
        Assert.Equal(10, sent.Count);
        Assert.All(sent.Where(m => m.Policy == TsaPolicies.EcdsaP384.Oid), m => Assert.Equal(ecdsa.Der.ToArray(), m.TsaCertificateDer));
        Assert.Equal(5, sent.Count(m => m.Policy == TsaPolicies.EcdsaP384.Oid));
        Assert.Equal(5, sent.Count(m => m.Policy == TsaPolicies.Ed25519.Oid));

        // a node attested later gets both
        await _distributor.InstallOnAsync(NodeId.FromIndex(3), CancellationToken.None);
        Assert.Equal(12, _harness.Sent.Select<InstallCertificate>().Count());
    }

    [Fact]
    public async Task Ecdsa_signature_that_does_not_verify_leaves_only_the_frost_certificate_and_is_named()
    {
        _pki.Keys.WrongKey.Add("ecdsa-p384");

        var provisioned = await _distributor.ProvisionAsync(1, FrostKeyHex, CancellationToken.None);

        Assert.True(provisioned.Value);
        Assert.Null(_pki.Service.ForEpoch(1, "ecdsa-p384"));
        Assert.Single(_pki.Journal.Issued);
        Assert.All(_harness.Sent.Select<InstallCertificate>().Select(m => m.Context.Message), m => Assert.Equal(TsaPolicies.Ed25519.Oid, m.Policy));
        var again = await _distributor.ProvisionSchemeAsync(1, "ecdsa-p384", CancellationToken.None);
        Assert.False(again.IsOk);
        Assert.Contains("does not verify", again.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheme_without_a_key_in_the_epoch_is_not_provisioned()
    {
        var none = await _distributor.ProvisionSchemeAsync(2, "ecdsa-p384", CancellationToken.None);
        Assert.False(none.Value);
        Assert.Empty(_pki.Journal.Issued);
    }
}
