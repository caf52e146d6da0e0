using System.Collections.Concurrent;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// Issue 15 at the TSA front: every request gets its reqPolicy or the default; a policy not offered
/// or is refused with unacceptedPolicy; one without a key/certificate yet with systemFailure (503) and a statusString naming why;
/// one window holding both policies makes one signing round per policy, and the FROST round keeps
/// the wire format it had (SignTimestampBatch.Policy null) while ECDSA names its OID.
/// </summary>
public sealed class PolicyRoutingTests
{
    private static readonly TsaPolicySet Offered = ControlPlaneHost.PolicySet(TsaPolicies.Ed25519);

    [Fact]
    public async Task Window_with_both_policies_makes_one_homogeneous_signing_round_per_policy()
    {
        // the window closes when its six requests are in (MaxBatchSize), not when a 200 ms timer fires: a
        // thread descheduled on a loaded machine between two of the six writes split them over two windows;
        // the 60 s window only stops a hung test
        var gateway = new RecordingGateway();
        await using var service = new IssuanceService(gateway, new InMemoryIssuanceJournal(),
            new TsaFrontOptions { BatchWindow = TimeSpan.FromSeconds(60), MaxBatchSize = 6, MaxConcurrentBatches = 1 }, TimeProvider.System, NullLogger<IssuanceService>.Instance);

        var requests = Enumerable.Range(0, 6).Select(i => Request(i % 2 == 0 ? TsaPolicies.EcdsaP384.Oid : null)).ToList();
        var results = await Task.WhenAll(requests.Select(r => service.IssueAsync(r, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.IsOk));
        var rounds = gateway.Rounds.ToList();
        Assert.Equal(2, rounds.Count);
        Assert.All(rounds, round => Assert.Single(round.Select(r => r.Request.Policy).Distinct()));
        Assert.Equal([TsaPolicies.Ed25519.Oid, TsaPolicies.EcdsaP384.Oid], rounds.Select(r => r[0].Request.Policy).Order(StringComparer.Ordinal));
        Assert.Equal([null, TsaPolicies.EcdsaP384.Oid], rounds.Select(BusSigningGateway.PolicyOf).OrderBy(p => p));
    }

    [Fact]
    public void A_batch_mixing_policies_is_refused_as_our_bug_naming_both()
    {
        var mixed = new[] { Request(null), Request(TsaPolicies.EcdsaP384.Oid) };
        var refused = Assert.Throws<ArgumentException>(() => BusSigningGateway.PolicyOf(mixed));
        Assert.Contains(TsaPolicies.EcdsaP384.Oid, refused.Message, StringComparison.Ordinal);
        Assert.Contains(TsaPolicies.Ed25519.Oid, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_without_key_is_refused_as_unavailable_with_the_reason_and_nothing_is_signed()
    {
        var gateway = new RecordingGateway();
        var front = Front(gateway, new Refusing(TsaPolicies.EcdsaP384, "no ecdsa-p384 key yet"), out var service);
        await using (service)
        {
            var refused = await front.HandleAsync(Guid.NewGuid(), Requests.Valid(policy: TsaPolicies.EcdsaP384.Oid), CancellationToken.None);
            Assert.False(refused.IsOk);
            Assert.Equal(PkiFailureInfo.SystemFailure, refused.Error.Rejection.FailInfo);
            Assert.Equal("no ecdsa-p384 key yet; retry later", refused.Error.Rejection.StatusText);
            Assert.True(refused.Error.Unavailable);
            Assert.Empty(gateway.Rounds);

            // the default (FROST) is still served
            var granted = await front.HandleAsync(Guid.NewGuid(), Requests.Valid(), CancellationToken.None);
            Assert.True(granted.IsOk);
            Assert.Equal(TsaPolicies.Ed25519.Oid, Assert.Single(Assert.Single(gateway.Rounds)).Request.Policy);
        }
    }

    [Fact]
    public async Task Unknown_policy_is_refused_with_unacceptedPolicy_before_any_availability_question()
    {
        var front = Front(new RecordingGateway(), new Refusing(TsaPolicies.EcdsaP384, "unused"), out var service);
        await using (service)
        {
            var refused = await front.HandleAsync(Guid.NewGuid(), Requests.Valid(policy: "1.2.3.4.5"), CancellationToken.None);
            Assert.Equal(PkiFailureInfo.UnacceptedPolicy, refused.Error.Rejection.FailInfo);
            Assert.Contains("not offered", refused.Error.Rejection.StatusText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Default_policy_setting_decides_the_policy_of_a_request_without_reqPolicy()
    {
        var gateway = new RecordingGateway();
        var service = new IssuanceService(gateway, new InMemoryIssuanceJournal(), new TsaFrontOptions { BatchWindow = TimeSpan.Zero }, TimeProvider.System, NullLogger<IssuanceService>.Instance);
        await using (service)
        {
            var front = new TimestampFront(service, ControlPlaneHost.PolicySet(TsaPolicies.EcdsaP384), NullLogger<TimestampFront>.Instance);
            Assert.True((await front.HandleAsync(Guid.NewGuid(), Requests.Valid(), CancellationToken.None)).IsOk);
            var round = Assert.Single(gateway.Rounds);
            Assert.Equal(TsaPolicies.EcdsaP384.Oid, round[0].Request.Policy);
            Assert.Equal(TsaPolicies.EcdsaP384.Oid, BusSigningGateway.PolicyOf(round));
        }
    }

    private static TimestampFront Front(ISigningGateway gateway, IPolicyAvailability availability, out IssuanceService service)
    {
        service = new IssuanceService(gateway, new InMemoryIssuanceJournal(), new TsaFrontOptions { BatchWindow = TimeSpan.Zero }, TimeProvider.System, NullLogger<IssuanceService>.Instance);
        return new TimestampFront(service, Offered, NullLogger<TimestampFront>.Instance, availability: availability);
    }

    private static ValidatedRequest Request(string? policy)
    {
        var der = Requests.Valid(Guid.NewGuid().ToByteArray(), policy: policy);
        Assert.True(TimeStampRequestParser.TryParse(der, Offered, out var parsed, out var rejection), rejection?.StatusText);
        return new ValidatedRequest(Guid.NewGuid(), der, parsed);
    }

    private sealed class Refusing(TsaPolicy policy, string why) : IPolicyAvailability
    {
        public string? Unavailable(TsaPolicy asked) => asked == policy ? why : null;
    }

    /// <summary>Answers every round with placeholder tokens and keeps what each round held.</summary>
    private sealed class RecordingGateway : ISigningGateway
    {
        public ConcurrentQueue<IReadOnlyList<ValidatedRequest>> Rounds { get; } = new();

        public Task<Result<SignedBatch, SigningUnavailable>> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken)
        {
            Rounds.Enqueue(batch);
            var tokens = batch.Select(r => new SignedTimestamp(r.RequestId, [0x30, 0x00], SerialNumber.NewRandom(), DateTimeOffset.UtcNow, r.Request.Policy, "sha256",
                r.Request.HashedMessage.ToArray(), Contracts.Hashing.Sha256Hash.Zero)).ToList();
            return Task.FromResult<Result<SignedBatch, SigningUnavailable>>(new SignedBatch(new KeyEpoch(1), [NodeId.Parse("n1"), NodeId.Parse("n2"), NodeId.Parse("n3")], tokens));
        }
    }
}
