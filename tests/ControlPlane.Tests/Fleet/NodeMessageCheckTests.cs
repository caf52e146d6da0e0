using System.Globalization;
using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Messages;
using CcTsa.Hosting;
using MassTransit.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// H2 at the control plane: a CeremonyFinished or a SigningFailed written by the bus in a node's
/// name (naming culprits, failing a ceremony) is ignored unless the node's attested key signed it.
/// </summary>
public sealed class NodeMessageCheckTests : IDisposable
{
    private static readonly NodeId N2 = NodeId.FromIndex(2);
    private static readonly NodeId N3 = NodeId.FromIndex(3);
    private readonly NodeSigningKey _n2 = NodeSigningKey.Generate();
    private readonly NodeSigningKey _bus = NodeSigningKey.Generate();
    private readonly NodeMessageCheck _check;

    public NodeMessageCheckTests() =>
        _check = new NodeMessageCheck(n => n == N2 ? _n2.PublicKey : null, NullLogger.Instance);

    private static CeremonyFinished Framing() =>
        new(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(1), N2, false, null, null, [N3], "n3 sent a bad package");

    private static DictionarySendHeaders Signed(object message, NodeSigningKey key, string sender = "n2", long sequence = 7)
    {
        var headers = new DictionarySendHeaders();
        var input = MessageSignatureInput.Compute(message.GetType().Name, sender, ProtocolHeaders.Broadcast, sequence, CanonicalBody.Digest(message, message.GetType()));
        headers.Set(ProtocolHeaders.Sender, sender);
        headers.Set(ProtocolHeaders.Recipient, ProtocolHeaders.Broadcast);
        headers.Set(ProtocolHeaders.Sequence, sequence.ToString(CultureInfo.InvariantCulture));
        headers.Set(ProtocolHeaders.Signature, Convert.ToBase64String(key.Sign(input)));
        return headers;
    }

    [Fact]
    public void A_ceremony_outcome_signed_by_the_nodes_attested_key_is_accepted()
    {
        var m = Framing();
        Assert.True(_check.IsFrom(N2, m, Signed(m, _n2)));
        Assert.Equal(0, _check.Dropped);
    }

    [Fact]
    public void A_signed_answers_unresponsive_list_is_covered_by_the_coordinators_signature()
    {
        var m = new RawMessageSigned(RoundId.New(), N2, new KeyEpoch(1), [N2, N3, NodeId.FromIndex(5)], new byte[64], Unresponsive: [NodeId.FromIndex(4)]);
        Assert.False(_check.IsFrom(N2, m with { Unresponsive = [NodeId.FromIndex(4), N3] }, Signed(m, _n2, sequence: 8))); // list rewritten
        Assert.True(_check.IsFrom(N2, m, Signed(m, _n2, sequence: 9)));
        Assert.Equal(1, _check.Dropped);
    }

    [Fact]
    public void Forged_ceremony_outcomes_naming_a_culprit_are_ignored_and_counted()
    {
        var m = Framing();
        Assert.False(_check.IsFrom(N2, m, new DictionarySendHeaders()));                  // unsigned
        Assert.False(_check.IsFrom(N2, m, Signed(m, _bus)));                              // the bus's own key
        Assert.False(_check.IsFrom(N2, m with { Culprits = [N3, NodeId.FromIndex(4)] }, Signed(m, _n2))); // rewritten under a genuine signature
        Assert.False(_check.IsFrom(N3, m with { Node = N3 }, Signed(m with { Node = N3 }, _bus, "n3"))); // a node never attested here
        Assert.Equal(4, _check.Dropped);
    }

    [Fact]
    public void A_forged_signing_failure_cannot_fill_the_unresponsive_list()
    {
        var failed = new SigningFailed(RoundId.New(), N2, SigningFailureReason.BelowQuorum, "forged", true, [N3], [N3]);
        Assert.False(_check.IsFrom(N2, failed, Signed(failed, _bus)));
        Assert.True(_check.IsFrom(N2, failed, Signed(failed, _n2)));
    }

    [Fact]
    public void A_replayed_ceremony_outcome_is_dropped_and_counted_as_replayed()
    {
        var m = Framing();
        var headers = Signed(m, _n2);
        Assert.True(_check.IsFrom(N2, m, headers));
        Assert.False(_check.IsFrom(N2, m, headers)); // the relay sends the recorded message again
        Assert.Equal(1, _check.Dropped);
        var next = Framing();
        Assert.True(_check.IsFrom(N2, next, Signed(next, _n2, sequence: 8))); // n2's next message still counts
    }

    [Fact]
    public void A_heartbeat_claiming_the_attested_key_must_be_signed_by_it_and_new()
    {
        var beat = new NodeAnnounced(N2, "gcp", new byte[32], 1, true, false, [], DateTimeOffset.UnixEpoch, SigningPublicKey: _n2.PublicKey,
            DroppedMessages: [new ReasonCount("unsigned", 3)]);
        var headers = Signed(beat, _n2);
        Assert.Equal(HeartbeatCheck.Proven, _check.CheckHeartbeat(beat, headers));
        Assert.Equal(HeartbeatCheck.Dropped, _check.CheckHeartbeat(beat, headers));                                        // replayed
        Assert.Equal(HeartbeatCheck.Dropped, _check.CheckHeartbeat(beat with { DroppedMessages = [] }, Signed(beat, _n2, sequence: 9))); // rewritten
        Assert.Equal(HeartbeatCheck.Unproven, _check.CheckHeartbeat(beat with { SigningPublicKey = _bus.PublicKey }, Signed(beat, _bus))); // a restarted node's first contact
        Assert.Equal(HeartbeatCheck.Unproven, _check.CheckHeartbeat(beat with { Node = N3 }, new DictionarySendHeaders()));  // never attested here
        Assert.Equal(2, _check.Dropped);
    }

    public void Dispose()
    {
        _n2.Dispose();
        _bus.Dispose();
    }
}
