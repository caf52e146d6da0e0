using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.Channel;

/// <summary>
/// What a sealed payload is bound to: sender node, recipient node and a purpose such as
/// "ceremony 7f3a…/dkg-round2". Opening under any other context fails, so a payload cannot be
/// replayed into another ceremony, message kind or direction.
/// </summary>
public sealed record SealContext(NodeId Sender, NodeId Recipient, string Purpose)
{
    /// <summary>
    /// The context of a ceremony step: the whole binding (ceremony id, kind, epoch, t, participant
    /// set, public-package hash) by its digest, and for DKG/refresh round 2 the round-1 transcript,
    /// so a sealed secret opens only for a recipient whose view of the ceremony is the sender's.
    /// </summary>
    public static SealContext ForCeremony(NodeId sender, NodeId recipient, Frost.CeremonyBinding binding, string step, byte[]? transcript = null)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return new(sender, recipient, $"ceremony {binding.Ceremony}/{step}/{Convert.ToHexString(binding.Digest)}"
            + (transcript is null ? "" : "/" + Convert.ToHexString(transcript)));
    }

    internal byte[] Info(string kind, ChannelPublicKey senderEphemeral, ChannelPublicKey recipientCeremonyKey)
    {
        var o = new List<byte>();
        void Field(ReadOnlySpan<byte> b)
        {
            o.Add((byte)(b.Length >> 8));
            o.Add((byte)b.Length);
            o.AddRange(b);
        }
        Field("cctsa-seal-v3"u8);
        Field(System.Text.Encoding.UTF8.GetBytes(Sender.Value));
        Field(System.Text.Encoding.UTF8.GetBytes(Recipient.Value));
        Field(System.Text.Encoding.UTF8.GetBytes(Purpose));
        Field(System.Text.Encoding.UTF8.GetBytes(kind));
        Field(senderEphemeral.Bytes);
        Field(recipientCeremonyKey.Bytes);
        return [.. o];
    }
}
