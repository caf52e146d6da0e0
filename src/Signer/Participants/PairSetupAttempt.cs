using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Dkls23.Setup;

namespace CcTsa.Signer.Participants;

/// <summary>
/// One try of the DKLs23 pairwise setup with one peer for one key share (epoch, key sid): this
/// node's setup secret and single-use setup key pair (both wiped on Dispose), its first message,
/// and what it has seen of the peer's try. Guarded by the participant's lock.
/// </summary>
internal sealed class PairSetupAttempt : IDisposable
{
    public PairSetupAttempt(int epoch, byte[] keySid, NodeId peer, SetupSecret secret, SetupRound1 own, DateTimeOffset started)
    {
        Epoch = epoch;
        KeySid = keySid;
        Peer = peer;
        Secret = secret;
        Own = own;
        Started = started;
        Progressed = started;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public int Epoch { get; }

    public byte[] KeySid { get; }

    public NodeId Peer { get; }

    /// <summary>Consumed by the finish step (PairwiseSetup.Finish disposes it).</summary>
    public SetupSecret? Secret { get; set; }

    public SetupRound1 Own { get; }

    public ChannelKeyPair Keys { get; } = ChannelKeyPair.Generate();

    public DateTimeOffset Started { get; }

    /// <summary>When the peer last moved this attempt on (its offer or answer arrived): a slow peer is not a silent one.</summary>
    public DateTimeOffset Progressed { get; set; }

    /// <summary>The peer's attempt whose offer this attempt answered (round 2 sent); null before.</summary>
    public Guid? PeerAttempt { get; set; }

    /// <summary>The peer's answer when it arrived before its offer (the bus does not order them).</summary>
    public EcdsaPairSetupAnswered? ParkedAnswer { get; set; }

    public void Dispose()
    {
        Secret?.Dispose();
        Secret = null;
        Keys.Dispose();
    }

    public override string ToString() => $"PairSetupAttempt({Peer}, epoch {Epoch}, [redacted])";
}
