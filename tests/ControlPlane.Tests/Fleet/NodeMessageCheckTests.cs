using System.Globalization;
using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;
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

    private static DictionarySendHeaders Signed(object message, NodeSigningKey key, string sender = "n2")
    {
        var headers = new DictionarySendHeaders();
        var input = MessageSignatureInput.Compute(message.GetType().Name, sender, ProtocolHeaders.Broadcast, 7, CanonicalBody.Serialize(message, message.GetType()));
        headers.Set(ProtocolHeaders.Sender, sender);
        headers.Set(ProtocolHeaders.Recipient, ProtocolHeaders.Broadcast);
        headers.Set(ProtocolHeaders.Sequence, 7.ToString(CultureInfo.InvariantCulture));
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

    public void Dispose()
    {
        _n2.Dispose();
        _bus.Dispose();
    }
}
