using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Audit;

public sealed class AuditAnchorServiceTests
{
    [Fact]
    public async Task Anchor_time_stamps_the_chain_head_with_a_token_that_verifies()
    {
        await using var tsa = await TsaTestHost.StartAsync();
        var dir = Directory.CreateTempSubdirectory("cctsa-anchor-").FullName;
        await using var log = await SqliteEventLog.OpenAsync(dir);
        await using var leadership = new FileLeadership(dir);
        Assert.True(await leadership.TryAcquireAsync());
        await log.AppendAsync([new NodeStarted(NodeId.Parse("n1"), "azure", DateTimeOffset.UtcNow)]);
        var head = await log.HeadAsync();
        var service = Create(log, tsa, leadership);

        var anchored = await service.AnchorOnceAsync(CancellationToken.None);

        Assert.NotNull(anchored);
        Assert.Equal(head.Sequence, anchored.AnchoredSequence);
        Assert.Equal(head.Hash.Hex, anchored.ChainHeadHex);
        var token = Assert.Single(tsa.Journal.Recorded);
        Assert.Equal(anchored.TokenSerial, token.Serial);
        Assert.Equal(head.Hash.Hex, Convert.ToHexStringLower(token.HashedMessage)); // the imprint is the chain head itself
        Assert.True(Pem.TryDecode(tsa.Certificates.CaPem()!, "CERTIFICATE", out var caDer));
        var verdict = TokenVerifier.VerifyDigest(token.ResponseDer, head.Hash.ToArray(), new TokenVerificationOptions(
            caDer, TsaCertificateDer: tsa.Certificates.ForEpoch(1)!.Der.ToArray()));
        Assert.True(verdict.IsValid, verdict.Reason);
        var last = (await log.ReadAsync(head.Sequence, 10, null)).Last();
        Assert.IsType<AuditAnchored>(last.Data);
        Assert.True((await log.VerifyChainAsync()).Ok);
    }

    [Fact]
    public async Task Anchor_skips_when_nothing_happened_since_the_last_anchor_or_when_not_leader()
    {
        await using var tsa = await TsaTestHost.StartAsync();
        var dir = Directory.CreateTempSubdirectory("cctsa-anchor-").FullName;
        await using var log = await SqliteEventLog.OpenAsync(dir);
        await using var leadership = new FileLeadership(dir);
        await log.AppendAsync([new NodeStarted(NodeId.Parse("n1"), "azure", DateTimeOffset.UtcNow)]);
        var service = Create(log, tsa, leadership);

        Assert.Null(await service.AnchorOnceAsync(CancellationToken.None)); // not leader yet
        Assert.True(await leadership.TryAcquireAsync());
        Assert.NotNull(await service.AnchorOnceAsync(CancellationToken.None));
        Assert.Null(await service.AnchorOnceAsync(CancellationToken.None)); // head is the anchor itself
        Assert.Single(tsa.Journal.Recorded);
    }

    [Fact]
    public async Task Anchor_below_quorum_records_nothing()
    {
        await using var tsa = await TsaTestHost.StartAsync();
        tsa.Gateway.Unavailable = Unavailability.BelowQuorum;
        var dir = Directory.CreateTempSubdirectory("cctsa-anchor-").FullName;
        await using var log = await SqliteEventLog.OpenAsync(dir);
        await using var leadership = new FileLeadership(dir);
        Assert.True(await leadership.TryAcquireAsync());
        await log.AppendAsync([new NodeStarted(NodeId.Parse("n1"), "azure", DateTimeOffset.UtcNow)]);
        var before = await log.HeadAsync();

        Assert.Null(await Create(log, tsa, leadership).AnchorOnceAsync(CancellationToken.None));
        Assert.Equal(before.Sequence, (await log.HeadAsync()).Sequence);
    }

    private static AuditAnchorService Create(IEventLog log, TsaTestHost tsa, ILeadership leadership) =>
        new(log, tsa.Services.GetRequiredService<TimestampFront>(), leadership, AuditAnchorOptions.Default, TimeProvider.System, NullLogger<AuditAnchorService>.Instance);
}
