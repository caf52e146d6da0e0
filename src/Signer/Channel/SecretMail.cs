using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;

namespace CcTsa.Signer.Channel;

/// <summary>
/// Seals and opens this node's secret-bearing ceremony messages. Sealing uses the recipient's
/// channel key as verified by attestation (never one taken from an unverified message) and this
/// node's own key pair, and binds sender, recipient, ceremony and step as context, so a payload
/// can't be replayed into another ceremony, step or direction. Failure to seal (peer no longer
/// attested) is an invariant break for the caller: ceremonies start only after attestation.
/// </summary>
internal sealed class SecretMail(NodeContext node)
{
    public byte[] SealRound2(Round2Package package, NodeId to, CeremonyId ceremony) =>
        package.SealTo(PeerKey(to), node.ChannelKey, Context(node.Id, to, ceremony, "round2")).Payload;

    public Round2Package? OpenRound2(byte[] payload, NodeId from, NodeId to, CeremonyId ceremony) =>
        AttestedKey(from) is { } sender
        && Round2Package.Open(new SealedSecret(payload), node.ChannelKey, sender, Context(from, to, ceremony, "round2")).TryGet(out var p, out _)
            ? p : null;

    public byte[] SealDelta(RepairDelta delta, NodeId to, CeremonyId ceremony) =>
        delta.SealTo(PeerKey(to), node.ChannelKey, Context(node.Id, to, ceremony, "repair-delta")).Payload;

    public RepairDelta? OpenDelta(byte[] payload, NodeId from, NodeId to, CeremonyId ceremony) =>
        AttestedKey(from) is { } sender
        && RepairDelta.Open(new SealedSecret(payload), node.ChannelKey, sender, Context(from, to, ceremony, "repair-delta")).TryGet(out var d, out _)
            ? d : null;

    public byte[] SealSigma(RepairSigma sigma, NodeId to, CeremonyId ceremony) =>
        sigma.SealTo(PeerKey(to), node.ChannelKey, Context(node.Id, to, ceremony, "repair-sigma")).Payload;

    public RepairSigma? OpenSigma(byte[] payload, NodeId from, NodeId to, CeremonyId ceremony) =>
        AttestedKey(from) is { } sender
        && RepairSigma.Open(new SealedSecret(payload), node.ChannelKey, sender, Context(from, to, ceremony, "repair-sigma")).TryGet(out var s, out _)
            ? s : null;

    private ChannelPublicKey PeerKey(NodeId peer) =>
        AttestedKey(peer) ?? throw new InvalidOperationException($"Invariant broken: sealing to {peer}, which is not attested.");

    /// <summary>The channel key attestation verified for <paramref name="peer"/>; null when it is not attested.</summary>
    private ChannelPublicKey? AttestedKey(NodeId peer) =>
        node.Peers.ChannelKey(peer) is { } key && ChannelPublicKey.TryFromBytes(key, out var k) ? k : null;

    private static SealContext Context(NodeId from, NodeId to, CeremonyId ceremony, string step) =>
        new(from, to, $"ceremony {ceremony}/{step}");
}
