using CcTsa.Contracts.Messages.Timestamp;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>The bus front on the MassTransit in-memory test harness: same replies as HTTP.</summary>
public sealed class TimestampRequestedConsumerTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-bus-").FullName;
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        TsaTestHost.AddTestTsa(services, _data);
        services.AddMassTransitTestHarness(x => x.AddTsaConsumers());
        _services = services.BuildServiceProvider(true);
        await TsaTestHost.ProvisionEpochOneAsync(_services);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Request_with_valid_query_is_answered_with_TimestampIssued_after_recording()
    {
        var data = "bus document"u8.ToArray();
        var id = Guid.NewGuid();
        var client = _harness.GetRequestClient<TimestampRequested>();

        var response = await client.GetResponse<TimestampIssued, TimestampRejected>(new TimestampRequested(id, Requests.Valid(data)));

        Assert.True(response.Is(out Response<TimestampIssued>? issued));
        Assert.Equal(id, issued.Message.RequestId);
        var journal = _services.GetRequiredService<InMemoryIssuanceJournal>();
        Assert.True(journal.Contains(issued.Message.SerialHex));
        Assert.True(Pem.TryDecode(_services.GetRequiredService<ControlPlane.Pki.CertificateService>().CaPem()!, Pem.Certificate, out var ca));
        var verdict = TokenVerifier.Verify(issued.Message.Response, data, new TokenVerificationOptions(ca));
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.True(await _harness.Consumed.Any<TimestampRequested>());
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01 }, PkiFailureInfo.BadDataFormat)]
    [InlineData(new byte[0], PkiFailureInfo.BadDataFormat)]
    public async Task Request_with_bad_query_is_answered_with_TimestampRejected(byte[] query, PkiFailureInfo expected)
    {
        var client = _harness.GetRequestClient<TimestampRequested>();
        var response = await client.GetResponse<TimestampIssued, TimestampRejected>(new TimestampRequested(Guid.NewGuid(), query));

        Assert.True(response.Is(out Response<TimestampRejected>? rejected));
        Assert.Equal((int)expected, rejected.Message.FailInfo);
        Assert.False(string.IsNullOrEmpty(rejected.Message.StatusText));
        Assert.Equal(expected, Requests.Read(rejected.Message.Response).FailInfo);
    }

    [Fact]
    public async Task Request_with_sha1_imprint_is_rejected_with_badAlg()
    {
        var client = _harness.GetRequestClient<TimestampRequested>();
        var response = await client.GetResponse<TimestampIssued, TimestampRejected>(new TimestampRequested(Guid.NewGuid(), Requests.Raw(Requests.Sha1Oid, 20)));
        Assert.True(response.Is(out Response<TimestampRejected>? rejected));
        Assert.Equal((int)PkiFailureInfo.BadAlg, rejected.Message.FailInfo);
    }

    [Fact]
    public async Task Request_below_quorum_is_answered_with_TimestampRejected_systemFailure()
    {
        _services.GetRequiredService<InProcessSigningGateway>().Unavailable = Unavailability.BelowQuorum;
        var client = _harness.GetRequestClient<TimestampRequested>();
        var response = await client.GetResponse<TimestampIssued, TimestampRejected>(new TimestampRequested(Guid.NewGuid(), Requests.Valid()));
        Assert.True(response.Is(out Response<TimestampRejected>? rejected));
        Assert.Equal((int)PkiFailureInfo.SystemFailure, rejected.Message.FailInfo);
        Assert.Empty(_services.GetRequiredService<InMemoryIssuanceJournal>().Recorded);
    }

    [Fact]
    public async Task Batch_request_answers_every_item_exactly_once()
    {
        var items = new List<TimestampRequested>();
        for (var i = 0; i < 20; i++)
            items.Add(new TimestampRequested(Guid.NewGuid(), i % 4 == 3 ? [0x04, 0x00] : Requests.Valid([(byte)i])));
        var client = _harness.GetRequestClient<TimestampBatchRequested>();

        var response = await client.GetResponse<TimestampBatchCompleted>(new TimestampBatchRequested(Guid.NewGuid(), items));

        var answered = response.Message.Issued.Select(x => x.RequestId).Concat(response.Message.Rejected.Select(x => x.RequestId)).ToList();
        Assert.Equal(items.Select(i => i.RequestId).Order(), answered.Order());
        Assert.Equal(15, response.Message.Issued.Count);
        Assert.All(response.Message.Rejected, r => Assert.Equal((int)PkiFailureInfo.BadDataFormat, r.FailInfo));
        Assert.Equal(15, _services.GetRequiredService<InMemoryIssuanceJournal>().Recorded.Count);
    }
}
