using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;

namespace CcTsa.Signer.Channel;

/// <summary>
/// Seals and opens this node's secret-bearing ceremony messages (seal format 3). Sealing uses only
/// ceremony keys: the recipient's single-use ceremony public key exactly as the recipient signed it
/// (the caller takes it from its confirmed round-1 view or the recipient's signed announcement,
/// never from an unverified message) and a fresh per-message key of the sender; opening uses this
/// node's own ceremony key pair of the run. No static channel key is involved, so stealing one
/// after a ceremony opens nothing recorded. Sender authenticity is the node signature on the
/// carrying message. Each seal binds sender, recipient, step and the whole <see cref="CeremonyBinding"/>
/// (ceremony id, epoch, t, participant set, hash of the public key package), and round-2 shares the
/// round-1 transcript, so a payload can't be replayed into another ceremony, epoch, step or
/// direction, nor opened by a participant whose view of the ceremony differs.
/// </summary>
internal sealed class SecretMail(NodeContext node)
{
    public const string Round2Step = "round2";

    public byte[] SealRound2(Round2Package package, NodeId to, ChannelPublicKey toCeremonyKey, CeremonyBinding binding, byte[] transcript) =>
        package.SealTo(toCeremonyKey, Round2Context(node.Id, to, binding, transcript)).Payload;

    public Round2Package? OpenRound2(byte[] payload, NodeId from, ChannelKeyPair ceremonyKeys, CeremonyBinding binding, byte[] transcript) =>
        Round2Package.Open(new SealedSecret(payload), ceremonyKeys, Round2Context(from, node.Id, binding, transcript)).TryGet(out var p, out _) ? p : null;

    public byte[] SealDelta(RepairDelta delta, NodeId to, ChannelPublicKey toCeremonyKey, CeremonyBinding binding) =>
        delta.SealTo(toCeremonyKey, Context(node.Id, to, binding, "repair-delta")).Payload;

    public RepairDelta? OpenDelta(byte[] payload, NodeId from, ChannelKeyPair ceremonyKeys, CeremonyBinding binding) =>
        RepairDelta.Open(new SealedSecret(payload), ceremonyKeys, Context(from, node.Id, binding, "repair-delta")).TryGet(out var d, out _) ? d : null;

    /// <summary>σ sealed under a binding carrying the hash of the public package sent alongside: the recipient learns it from the helper, not the relay.</summary>
    public byte[] SealSigma(RepairSigma sigma, NodeId to, ChannelPublicKey toCeremonyKey, CeremonyBinding binding) =>
        sigma.SealTo(toCeremonyKey, Context(node.Id, to, binding, "repair-sigma")).Payload;

    public RepairSigma? OpenSigma(byte[] payload, NodeId from, ChannelKeyPair ceremonyKeys, CeremonyBinding binding) =>
        RepairSigma.Open(new SealedSecret(payload), ceremonyKeys, Context(from, node.Id, binding, "repair-sigma")).TryGet(out var s, out _) ? s : null;

    /// <summary>The seal context of a repair step ("repair-delta", "repair-sigma"): its P-384 half is sealed under it too (another seal kind).</summary>
    public SealContext RepairContext(NodeId from, NodeId to, CeremonyBinding binding, bool sigma) =>
        Context(from, to, binding, sigma ? "repair-sigma" : "repair-delta");

    /// <summary>The context of a DKG/refresh round-2 share from <paramref name="from"/> to <paramref name="to"/> (also a complaint judge's).</summary>
    public static SealContext Round2Context(NodeId from, NodeId to, CeremonyBinding binding, byte[] transcript) =>
        SealContext.ForCeremony(from, to, binding, Round2Step, transcript);

    private static SealContext Context(NodeId from, NodeId to, CeremonyBinding binding, string step) =>
        SealContext.ForCeremony(from, to, binding, step, null);
}
