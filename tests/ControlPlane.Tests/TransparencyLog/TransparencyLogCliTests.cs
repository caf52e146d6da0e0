using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.ControlPlane.Tests.Api;
using CcTsa.ControlPlane.Tests.Cli;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.ControlPlane.Tsa;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.TransparencyLog;

/// <summary>
/// The client side over real control planes (<see cref="ApiHost"/>) whose tree heads a test TSA signs:
/// `audit monitor` accepts a growing log and catches a fork or a rollback served to a second
/// client (exit 1, both heads printed); `verify --log` proves a token's inclusion and refuses one
/// that is not in the log; `audit verify` catches an edited tree row.
/// </summary>
[Collection(CliConsoleCollection.Name)]
public sealed class TransparencyLogCliTests : IAsyncLifetime
{
    private TsaTestHost _tsa = null!;
    private readonly string _work = Directory.CreateTempSubdirectory("cctsa-tlog-cli-").FullName;
    private string _caFile = "";

    public async Task InitializeAsync()
    {
        _tsa = await TsaTestHost.StartAsync();
        _caFile = Path.Combine(_work, "ca.pem");
        await File.WriteAllTextAsync(_caFile, _tsa.Certificates.CaPem()!);
    }

    public async Task DisposeAsync()
    {
        await _tsa.DisposeAsync();
        Directory.Delete(_work, true);
    }

    private async Task<LogHeadSigned> SignHeadAsync(ApiHost host)
    {
        await using var leadership = new FileLeadership(Directory.CreateDirectory(Path.Combine(_work, Guid.NewGuid().ToString("N"))).FullName);
        Assert.True(await leadership.TryAcquireAsync());
        var service = new LogHeadService(host.Log, host.Log, host.App.Services.GetRequiredService<LiveProjections>(), _tsa.Services.GetRequiredService<TimestampFront>(),
            leadership, LogHeadOptions.Default, TimeProvider.System, NullLogger<LogHeadService>.Instance);
        return (await service.SignOnceAsync(CancellationToken.None))!;
    }

    private static Task AddEventsAsync(ApiHost host, int count) =>
        host.Log.AppendAsync([.. Enumerable.Range(1, count).Select(i => (object)new NodeStarted(NodeId.FromIndex(i % 5 + 1), "azure", DateTimeOffset.UtcNow))]);

    private Task<(int Exit, string Out, string Err)> MonitorAsync(ApiHost host, string state) =>
        CliConsole.RunAsync("audit", "monitor", "--url", host.Address.ToString(), "--state", state, "--ca", _caFile);

    [Fact]
    public async Task Monitor_accepts_a_growing_log_and_catches_a_fork_and_a_rollback()
    {
        await using var a = await ApiHost.StartAsync();
        await using var b = await ApiHost.StartAsync();
        var state = Path.Combine(_work, "monitor.json");
        await AddEventsAsync(a, 5);
        Assert.NotNull(await SignHeadAsync(a));
        var first = await MonitorAsync(a, state);
        Assert.True(first.Exit == 0, first.Out + first.Err);
        Assert.Contains("first head", first.Out);

        await AddEventsAsync(a, 20);
        Assert.NotNull(await SignHeadAsync(a));
        var second = await MonitorAsync(a, state);
        Assert.True(second.Exit == 0, second.Out + second.Err);
        Assert.Contains("extends the stored head", second.Out);

        // another log (a fork served to this client), larger: its history does not contain ours
        await AddEventsAsync(b, 40);
        Assert.NotNull(await SignHeadAsync(b));
        var stateBefore = await File.ReadAllTextAsync(state);
        var fork = await MonitorAsync(b, state);
        Assert.Equal(1, fork.Exit);
        Assert.Contains("FORK", fork.Out);
        Assert.Contains("stored:", fork.Out);
        Assert.Contains("fetched:", fork.Out);
        Assert.Equal(stateBefore, await File.ReadAllTextAsync(state)); // a bad head is never stored

        // a smaller log (history truncated)
        await using var c = await ApiHost.StartAsync();
        Assert.NotNull(await SignHeadAsync(c));
        var rollback = await MonitorAsync(c, state);
        Assert.Equal(1, rollback.Exit);
        Assert.Contains("ROLLBACK", rollback.Out);
    }

    [Fact]
    public async Task Verify_with_log_proves_a_logged_token_and_refuses_one_not_in_the_log()
    {
        await using var host = await ApiHost.StartAsync();
        var (dataFile, tokenFile, info) = await StampAsync("in the log");
        await host.Log.AppendAsync([new TokenIssued(info.Serial, info.GenTime, info.Policy, "sha256", Convert.ToHexStringLower(info.HashedMessage.AsSpan()),
            new KeyEpoch(1), [NodeId.FromIndex(1), NodeId.FromIndex(2), NodeId.FromIndex(3)], new string('b', 64))]);
        await AddEventsAsync(host, 3);
        Assert.NotNull(await SignHeadAsync(host));

        var ok = await CliConsole.RunAsync("verify", dataFile, tokenFile, "--ca", _caFile, "--log", host.Address.ToString());
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.Contains("in the log at leaf", ok.Out);

        var (otherData, otherToken, _) = await StampAsync("never logged");
        var missing = await CliConsole.RunAsync("verify", otherData, otherToken, "--ca", _caFile, "--log", host.Address.ToString());
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no token with serial", missing.Err);
    }

    [Fact]
    public async Task Audit_verify_catches_an_edited_tree_row()
    {
        await using var host = await ApiHost.StartAsync();
        await AddEventsAsync(host, 20); // ≥ one 16-leaf block: only block rows and above are stored
        Assert.NotNull(await SignHeadAsync(host));
        var intact = await CliConsole.RunAsync("audit", "verify", "--data", host.DataDirectory);
        Assert.True(intact.Exit == 0, intact.Out + intact.Err);
        Assert.Contains("Merkle tree matches", intact.Out);

        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "events.db")};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TRIGGER log_tree_no_update; UPDATE log_tree SET hash = zeroblob(32) WHERE level = 4 AND idx = 0;";
            await cmd.ExecuteNonQueryAsync();
        }
        var tampered = await CliConsole.RunAsync("audit", "verify", "--data", host.DataDirectory);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("tree node (4,0)", tampered.Out);
    }

    private async Task<(string Data, string Token, TstInfoSummary Info)> StampAsync(string text)
    {
        var data = Path.Combine(_work, Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(data, text);
        var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData(await File.ReadAllBytesAsync(data)), null,
            new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true), certReq: true);
        using var reply = await _tsa.PostAsync(request);
        var der = await reply.Content.ReadAsByteArrayAsync();
        var token = data + ".tsr";
        await File.WriteAllBytesAsync(token, der);
        Assert.True(TimeStampResponseReader.TryRead(der, out var response, out var error), error);
        Assert.True(TimeStampResponseReader.TryReadTstInfo(response.Token!.Value, out var info, out error), error);
        return (data, token, info);
    }
}
