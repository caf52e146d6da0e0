using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.ControlPlane.Tests.Pki;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Rfc3161;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// Issue 14 item 8: data/pki held an "epoch 1" certificate of an earlier deployment (another key).
/// It used to be "installed" at every pass; now a certificate is used only for the group key the
/// log records for its epoch, and a foreign one is set aside and recorded as an incident.
/// </summary>
public sealed class CertificateDistributorTests : IAsyncLifetime
{
    private readonly PkiFixture _pki = new();
    private readonly PkiFixture _earlier = new();
    private SqliteEventLog _log = null!;
    private DistributorHarness _fixture = null!;
    private ITestHarness _harness = null!;
    private FleetState _state = null!;
    private CertificateDistributor _distributor = null!;

    public async Task InitializeAsync()
    {
        _fixture = await DistributorHarness.StartAsync(_pki, new TsaPolicySet(ControlPlaneHost.DefaultPolicy), "cctsa-distributor-");
        (_log, _state, _harness, _distributor) = (_fixture.Log, _fixture.State, _fixture.Harness, _fixture.Distributor);
    }

    public async Task DisposeAsync()
    {
        await _fixture.DisposeAsync();
        _pki.Dispose();
        _earlier.Dispose();
    }

    [Fact]
    public async Task Issue_14_certificate_file_for_another_key_is_set_aside_as_an_incident_and_the_epoch_gets_its_own()
    {
        // what an earlier deployment left: its epoch 1 certificate, for its own key
        await _earlier.Service.ProvisionEpochAsync(new KeyEpoch(1), _earlier.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        Directory.CreateDirectory(_pki.Layout.Epochs);
        File.Copy(_earlier.Layout.EpochCertificate(1), _pki.Layout.EpochCertificate(1));
        var staleFingerprint = Convert.ToHexStringLower(_earlier.Service.ForEpoch(1)!.CertHashSha256.AsSpan());
        var groupKey = Convert.ToHexStringLower(_pki.Key.PublicKey);
        await _state.RecordAsync([new KeyEpochActivated(new KeyEpoch(1), CeremonyRunner.Scheme, groupKey, [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)], CeremonyId.New(), DateTimeOffset.UtcNow)], CancellationToken.None);

        var provisioned = await _distributor.ProvisionAsync(1, groupKey, CancellationToken.None);

        Assert.True(provisioned.Value);
        Assert.Equal(_pki.Key.PublicKey, _pki.Service.ForEpoch(1)!.PublicKey.ToArray());
        Assert.Equal(new KeyEpoch(1), Assert.Single(_pki.Journal.Issued).Epoch);
        var setAside = Assert.Single(Directory.GetFiles(_pki.Layout.Foreign, "1-*.pem"));
        Assert.Equal(await File.ReadAllBytesAsync(_earlier.Layout.EpochCertificate(1)), await File.ReadAllBytesAsync(setAside));
        var incident = Assert.Single(_state.Live.Current.Incidents.Open);
        Assert.Equal(IncidentKinds.CertificateMismatch, incident.Kind);
        Assert.Contains(staleFingerprint, incident.Summary, StringComparison.Ordinal);
        Assert.Contains(groupKey, incident.Summary, StringComparison.Ordinal);

        // every node got the epoch's own certificate, never the stale one
        var sent = _harness.Sent.Select<CcTsa.Contracts.Messages.Fleet.InstallCertificate>().Select(m => m.Context.Message).ToList();
        Assert.Equal(5, sent.Count);
        Assert.All(sent, m => Assert.Equal(_pki.Service.ForEpoch(1)!.Der.ToArray(), m.TsaCertificateDer));

        // the epoch's own certificate is kept: nothing more is set aside
        Assert.Equal(0, await _distributor.SetAsideForeignAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Issue_14_certificate_file_of_an_epoch_the_log_has_not_reached_is_set_aside_and_never_served()
    {
        await _earlier.Service.ProvisionEpochAsync(new KeyEpoch(1), _earlier.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        Directory.CreateDirectory(_pki.Layout.Epochs);
        File.Copy(_earlier.Layout.EpochCertificate(1), _pki.Layout.EpochCertificate(1));

        Assert.Equal(1, await _distributor.SetAsideForeignAsync(CancellationToken.None));

        Assert.Null(_pki.Service.CurrentTsaPem());
        var opened = Assert.Single((await ReadAsync()).OfType<IncidentOpened>());
        Assert.Equal(IncidentKinds.CertificateMismatch, opened.Kind);
        Assert.Contains("has no epoch 1", opened.Summary, StringComparison.Ordinal);
    }

    private async Task<List<object>> ReadAsync()
    {
        var all = new List<object>();
        await foreach (var e in _log.ReadAllAsync()) all.Add(e.Data);
        return all;
    }
}
