using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;

namespace CcTsa.Signer.Channel;

/// <summary>
/// Seals and opens this node's secret-bearing ceremony messages. Sealing uses the recipient's
/// channel key as verified by attestation (never one taken from an unverified message) and this
/// node's own key pair, and binds sender, recipient, step and the whole <see cref="CeremonyBinding"/>
/// (ceremony id, epoch, t, participant set, hash of the public key package) as context, so a payload
/// can't be replayed into another ceremony, epoch, step or direction, nor opened by a participant
/// whose view of the ceremony differs. Round-2 shares are also bound to the round-1 transcript. Failure to seal (peer no longer
/// attested) is an invariant break for the caller: ceremonies start only after attestation.
/// </summary>
internal sealed class SecretMail(NodeContext node)
{
    public byte[] SealRound2(Round2Package package, NodeId to, CeremonyBinding binding, byte[] transcript) =>
        package.SealTo(PeerKey(to), node.ChannelKey, Context(node.Id, to, binding, "round2", transcript)).Payload;

    public Round2Package? OpenRound2(byte[] payload, NodeId from, NodeId to, CeremonyBinding binding, byte[] transcript) =>
        AttestedKey(from) is { } sender
        && Round2Package.Open(new SealedSecret(payload), node.ChannelKey, sender, Context(from, to, binding, "round2", transcript)).TryGet(out var p, out _)
            ? p : null;

    public byte[] SealDelta(RepairDelta delta, NodeId to, CeremonyBinding binding) =>
        delta.SealTo(PeerKey(to), node.ChannelKey, Context(node.Id, to, binding, "repair-delta", null)).Payload;

    public RepairDelta? OpenDelta(byte[] payload, NodeId from, NodeId to, CeremonyBinding binding) =>
        AttestedKey(from) is { } sender
        && RepairDelta.Open(new SealedSecret(payload), node.ChannelKey, sender, Context(from, to, binding, "repair-delta", null)).TryGet(out var d, out _)
            ? d : null;

    /// <summary>σ sealed under a binding carrying the hash of the public package sent alongside: the recipient learns it from the helper, not the relay.</summary>
    public byte[] SealSigma(RepairSigma sigma, NodeId to, CeremonyBinding binding) =>
        sigma.SealTo(PeerKey(to), node.ChannelKey, Context(node.Id, to, binding, "repair-sigma", null)).Payload;

    public RepairSigma? OpenSigma(byte[] payload, NodeId from, NodeId to, CeremonyBinding binding) =>
        AttestedKey(from) is { } sender
        && RepairSigma.Open(new SealedSecret(payload), node.ChannelKey, sender, Context(from, to, binding, "repair-sigma", null)).TryGet(out var s, out _)
            ? s : null;

    private ChannelPublicKey PeerKey(NodeId peer) =>
        AttestedKey(peer) ?? throw new InvalidOperationException($"Invariant broken: sealing to {peer}, which is not attested.");

    /// <summary>The channel key attestation verified for <paramref name="peer"/>; null when it is not attested.</summary>
    private ChannelPublicKey? AttestedKey(NodeId peer) =>
        node.Peers.ChannelKey(peer) is { } key && ChannelPublicKey.TryFromBytes(key, out var k) ? k : null;

    private static SealContext Context(NodeId from, NodeId to, CeremonyBinding binding, string step, byte[]? transcript) =>
        SealContext.ForCeremony(from, to, binding, step, transcript);
}
