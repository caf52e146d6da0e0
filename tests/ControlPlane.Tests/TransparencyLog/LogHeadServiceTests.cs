using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.ControlPlane.Tsa;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Pki;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.TransparencyLog;

/// <summary>Signed tree heads: a TSA token over exactly the head message, recorded as LogHeadSigned; only by the leader, only when the log grew.</summary>
public sealed class LogHeadServiceTests
{
    [Fact]
    public async Task Head_token_stamps_the_tree_size_and_root_and_verifies_against_the_CA()
    {
        await using var tsa = await TsaTestHost.StartAsync();
        var dir = Directory.CreateTempSubdirectory("cctsa-head-").FullName;
        await using var log = await SqliteEventLog.OpenAsync(dir);
        await using var leadership = new FileLeadership(dir);
        var live = await LiveProjections.AttachAsync(log);
        await log.AppendAsync([new NodeStarted(NodeId.Parse("n1"), "azure", DateTimeOffset.UtcNow), new NodeStarted(NodeId.Parse("n2"), "gcp", DateTimeOffset.UtcNow)]);
        var service = new LogHeadService(log, log, live, tsa.Services.GetRequiredService<TimestampFront>(), leadership,
            LogHeadOptions.Default, TimeProvider.System, NullLogger<LogHeadService>.Instance);

        Assert.Null(await service.SignOnceAsync(CancellationToken.None)); // not the leader
        Assert.True(await leadership.TryAcquireAsync());
        var head = await service.SignOnceAsync(CancellationToken.None);

        Assert.NotNull(head);
        Assert.Equal(2, head.TreeSize);
        var root = await new LogTreeReader(log, log).RootAsync(2);
        Assert.Equal(root.Hex, head.RootHashHex);
        Assert.Equal(head, live.Current.LogHead);
        Assert.True(Pem.TryDecode(tsa.Certificates.CaPem()!, "CERTIFICATE", out var caDer));
        var signed = new SignedHead(head.TreeSize, root, head.Timestamp, Convert.FromBase64String(head.TokenBase64));
        var verdict = signed.Verify(caDer);
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.False((signed with { TreeSize = 3 }).Verify(caDer).IsValid);
        Assert.IsType<LogHeadSigned>((await log.ReadAsync(2, 10)).Last().Data);
        // the head travelled with its request to the signing gateway, for the signers to check
        var declared = Assert.Single(tsa.Gateway.Heads);
        Assert.Equal(2, declared.TreeSize);
        Assert.Equal(root.Hex, Convert.ToHexStringLower(declared.RootHash));
        Assert.Equal(LogHeadMessage.Imprint(2, root), declared.Imprint());

        Assert.Null(await service.SignOnceAsync(CancellationToken.None)); // only its own event since
        await log.AppendAsync([new NodeStarted(NodeId.Parse("n3"), "aws", DateTimeOffset.UtcNow)]);
        var next = await service.SignOnceAsync(CancellationToken.None);
        Assert.Equal(4, next!.TreeSize);
        Assert.Equal([2L, 4L], tsa.Gateway.Heads.Select(h => h.TreeSize));
    }
}
