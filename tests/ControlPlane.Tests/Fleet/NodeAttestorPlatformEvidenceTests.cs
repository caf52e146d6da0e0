using System.Security.Cryptography;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Platform;
using CcTsa.Signer.Tests.Platform;
using CcTsa.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// Issue 20's "done when": the control plane's <see cref="NodeAttestor"/> judges evidence that the
/// signer's real platform code (<see cref="SevGuestPlatform"/> over configfs-tsm) produced from a
/// fake configfs-tsm tree serving genuine AMD fixtures. Genuine evidence verifies down to the AMD
/// root and fails only the REPORT_DATA binding (the fixture was made for another nonce, by design);
/// each policy breach is refused with its own reason. VMPL needs a report signed at VMPL 1, which
/// only the simulated firmware makes; served through the same tree, as is an accepted report that
/// carries the node's Secure TSC observation into NodeAttested and the roster.
/// </summary>
public sealed class NodeAttestorPlatformEvidenceTests : IAsyncLifetime
{
    private static readonly NodeId N1 = NodeId.FromIndex(1);
    private static readonly Measurement Virtee = SnpReport.Parse(GenuineEvidence.VirteeReport).Value.Measurement;
    private static readonly TcbParts VirteeTcb = new(3, 0, 8, 115);
    private readonly string _logDir = Directory.CreateTempSubdirectory("cctsa-attestor-").FullName;
    private readonly byte[] _channelKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private SqliteEventLog _log = null!;
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;
    private FleetState _state = null!;

    public async Task InitializeAsync()
    {
        _log = await SqliteEventLog.OpenAsync(_logDir);
        _state = new FleetState(_log);
        _state.Update(_ => (RosterBuilder.FleetOf(5, null).WithAttestation(N1, false), 0));
        _services = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        await _log.DisposeAsync();
        Directory.Delete(_logDir, recursive: true);
    }

    private static AttestationPolicy Pinned => new() { AllowedMeasurements = new HashSet<Measurement> { Virtee }, MinimumTcb = VirteeTcb };

    /// <summary>
    /// Runs one attestation: the node's queue answers each request as the signer does — REPORT_DATA
    /// bound to node, provider, keys and the control plane's nonce, written to the tree by
    /// SevGuestPlatform, report and certificates read back from it. <paramref name="serve"/> may
    /// rewrite the tree's outblob for that REPORT_DATA first (the simulated firmware).
    /// </summary>
    private async Task<(bool Ok, object? Event)> AttestAsync(FakeConfigfsTsm tsm, AmdTrustAnchors anchors, AttestationPolicy policy,
        Action<byte[]>? serve = null, string secureTsc = "unknown", int timeoutSeconds = 15)
    {
        var platform = new SevGuestPlatform(new ConfigfsTsm(tsm.Root), new SevGuestDevice("/nonexistent/sev-guest"));
        var bus = _services.GetRequiredService<IBus>();
        using var attestor = new NodeAttestor(bus, _state, new AttestationSettings(new SnpReportVerifier(anchors), policy),
            new FleetOptions { AttestationTimeout = TimeSpan.FromSeconds(timeoutSeconds) }, TimeProvider.System, NullLogger<NodeAttestor>.Instance);
        var handle = bus.ConnectReceiveEndpoint(NodeAddress.Of(N1).AbsolutePath, e => e.Handler<AttestationRequested>(async ctx =>
        {
            var reportData = ReportDataBinding.Compute(N1.Value, "azure", _channelKey, _signingKey, ctx.Message.Nonce);
            serve?.Invoke(reportData);
            byte[] report;
            try { report = await platform.GetReportAsync(reportData, ctx.CancellationToken); }
            catch (PlatformUnavailableException) { return; } // the signer logs it and does not answer
            var chain = platform.CertificateChain;
            attestor.OnReported(new AttestationReported(N1, null, "azure", ctx.Message.Nonce, report, [.. chain.Vcek],
                chain.Ask is { } ask ? [.. ask] : [], chain.Ark is { } ark ? [.. ark] : [], _channelKey, _signingKey, secureTsc));
        }));
        await handle.Ready;
        try
        {
            var before = await Count();
            var ok = await attestor.AttestAsync(N1, "azure", CancellationToken.None);
            var events = new List<object>();
            await foreach (var e in _log.ReadAllAsync()) events.Add(e.Data);
            return (ok, events.Skip(before).LastOrDefault());
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    private async Task<int> Count()
    {
        var n = 0;
        await foreach (var _ in _log.ReadAllAsync()) n++;
        return n;
    }

    private async Task<string> RefusedAsync(byte[] report, byte[]? table, AttestationPolicy policy)
    {
        using var tsm = new FakeConfigfsTsm(report, table);
        var (ok, evt) = await AttestAsync(tsm, AmdTrustAnchors.Genuine, policy);
        Assert.False(ok);
        var rejected = Assert.IsType<AttestationRejected>(evt);
        Assert.Equal(N1, rejected.Node);
        Assert.False(_state.Roster.Find(N1)!.Attested);
        return rejected.Reason;
    }

    [Fact]
    public async Task Genuine_evidence_verifies_to_the_AMD_root_and_is_refused_only_for_its_REPORT_DATA_by_design()
    {
        var reason = await RefusedAsync(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable(), Pinned);
        Assert.StartsWith(nameof(AttestationFailure.ReportDataMismatch) + ":", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_measurement_is_refused_as_MeasurementNotAllowed()
    {
        var policy = Pinned with { AllowedMeasurements = new HashSet<Measurement> { Measurement.FromBytes(new byte[48]) } };
        var reason = await RefusedAsync(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable(), policy);
        Assert.StartsWith(nameof(AttestationFailure.MeasurementNotAllowed) + ":", reason, StringComparison.Ordinal);
        Assert.Contains(Virtee.ToString(), reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_policy_is_refused_as_DebugAllowed()
    {
        var reason = await RefusedAsync(GenuineEvidence.DebugPolicyReport, GenuineEvidence.DebugPolicyTable(), new AttestationPolicy());
        Assert.StartsWith(nameof(AttestationFailure.DebugAllowed) + ":", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TCB_below_the_minimum_is_refused_as_TcbBelowMinimum()
    {
        var reason = await RefusedAsync(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable(), Pinned with { MinimumTcb = new TcbParts(3, 0, 8, 116) });
        Assert.StartsWith(nameof(AttestationFailure.TcbBelowMinimum) + ":", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VCEK_of_another_chip_is_refused_as_ChipIdMismatch()
    {
        var table = GenuineEvidence.Table(Fixtures.Bytes("sev-snp/milan-debug-policy/vcek.der"), Fixtures.Bytes("sev-snp/milan-debug-policy/ask_ark.pem"));
        var reason = await RefusedAsync(GenuineEvidence.VirteeReport, table, Pinned);
        Assert.StartsWith(nameof(AttestationFailure.ChipIdMismatch) + ":", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_certificate_table_gets_no_attestation_and_an_unreadable_entry_is_refused_as_MalformedCertificate()
    {
        // a malformed table: the signer's platform refuses to produce evidence, so the node stays unattested
        using (var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable()[..30]))
        {
            var (ok, evt) = await AttestAsync(tsm, AmdTrustAnchors.Genuine, Pinned, timeoutSeconds: 3);
            Assert.False(ok);
            Assert.Null(evt);
            Assert.False(_state.Roster.Find(N1)!.Attested);
        }
        // a well-formed table whose VCEK entry is not a certificate reaches the control plane and is refused by name
        var garbage = GenuineEvidence.VirteeTable();
        var table = new SevCertificateTable([SevCertificateEntry.Of(SevCertificateKind.Vcek, RandomNumberGenerator.GetBytes(64)),
            .. SevCertificateTable.Parse(garbage).Value.Entries.Where(e => e.Kind != SevCertificateKind.Vcek)]).ToBytes();
        var reason = await RefusedAsync(GenuineEvidence.VirteeReport, table, Pinned);
        Assert.StartsWith(nameof(AttestationFailure.MalformedCertificate) + ":", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VMPL_other_than_zero_is_refused_as_VmplNotZero_and_VMPL_zero_is_attested_with_its_Secure_TSC()
    {
        using var root = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow.AddDays(-1), rsaBits: 3072);
        var chip = root.ChipIdFor("n1");
        using var vcek = root.IssueVcek(chip.AsSpan(), SimulatedAmdRoot.SimulatedTcb);
        var measurement = Measurement.FromBytes(Enumerable.Range(1, 48).Select(i => (byte)i).ToArray());
        var table = GenuineEvidence.Table([.. vcek.CertificateDer], root.AskDer, root.ArkDer);
        using var tsm = new FakeConfigfsTsm(new byte[0x4A0], table);
        var policy = new AttestationPolicy { AllowSimulatedRoot = true, MinimumTcb = SimulatedAmdRoot.SimulatedTcb, AllowedMeasurements = new HashSet<Measurement> { measurement } };
        void Firmware(byte[] reportData, uint vmpl) => File.WriteAllBytes(Path.Combine(tsm.Entry, "outblob"), vcek.Sign(new SnpReport
        {
            Version = 2,
            Policy = GuestPolicy.Default,
            Measurement = measurement,
            ChipId = chip,
            Vmpl = vmpl,
            ReportedTcb = SimulatedAmdRoot.SimulatedTcb.ToVersion(SnpProduct.Milan),
            CurrentTcb = SimulatedAmdRoot.SimulatedTcb.ToVersion(SnpProduct.Milan),
            CommittedTcb = SimulatedAmdRoot.SimulatedTcb.ToVersion(SnpProduct.Milan),
            LaunchTcb = SimulatedAmdRoot.SimulatedTcb.ToVersion(SnpProduct.Milan),
            ReportData = [.. reportData],
        }).ToBytes());

        var (ok, evt) = await AttestAsync(tsm, root.TrustAnchors, policy, data => Firmware(data, 1));
        Assert.False(ok);
        Assert.StartsWith(nameof(AttestationFailure.VmplNotZero) + ":", Assert.IsType<AttestationRejected>(evt).Reason, StringComparison.Ordinal);

        (ok, evt) = await AttestAsync(tsm, root.TrustAnchors, policy, data => Firmware(data, 0), secureTsc: "true");
        Assert.True(ok);
        var attested = Assert.IsType<NodeAttested>(evt);
        Assert.Equal("true", attested.SecureTsc);
        Assert.Equal(measurement.ToString(), attested.MeasurementHex);
        Assert.Equal("true", _state.Roster.Find(N1)!.SecureTsc);
    }

    [Fact]
    public async Task A_Secure_TSC_value_other_than_true_or_false_is_recorded_as_unknown()
    {
        using var root = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow.AddDays(-1), rsaBits: 3072);
        var chip = root.ChipIdFor("n1");
        using var vcek = root.IssueVcek(chip.AsSpan(), SimulatedAmdRoot.SimulatedTcb);
        using var tsm = new FakeConfigfsTsm(new byte[0x4A0], GenuineEvidence.Table([.. vcek.CertificateDer], root.AskDer, root.ArkDer));
        var tcb = SimulatedAmdRoot.SimulatedTcb.ToVersion(SnpProduct.Milan);
        var (ok, evt) = await AttestAsync(tsm, root.TrustAnchors, new AttestationPolicy { AllowSimulatedRoot = true }, data =>
            File.WriteAllBytes(Path.Combine(tsm.Entry, "outblob"), vcek.Sign(new SnpReport
            {
                Version = 2, Policy = GuestPolicy.Default, Measurement = Measurement.FromBytes(new byte[48]), ChipId = chip,
                ReportedTcb = tcb, CurrentTcb = tcb, CommittedTcb = tcb, LaunchTcb = tcb, ReportData = [.. data],
            }).ToBytes()), secureTsc: "yes, trust me");
        Assert.True(ok);
        Assert.Equal("unknown", Assert.IsType<NodeAttested>(evt).SecureTsc);
    }
}
