using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Channel;

/// <summary>
/// The secret part of a DKLs23 pairwise setup's second message — the opening (seed ‖ salt) of the
/// zero-share seed commitment — sealed to the single-use X25519 key the peer signed in its first
/// message, so the broker that relays the setup never learns the pair's zero-share seed, and a later
/// theft of a static key opens nothing recorded. The base-OT messages themselves are public.
/// </summary>
public static class SetupSeedSeal
{
    private const int Half = 32;

    public static byte[] Seal(ParticipantId from, ParticipantId to, ReadOnlySpan<byte> seed, ReadOnlySpan<byte> salt,
        ChannelPublicKey peerSetupKey, SealContext context)
    {
        if (seed.Length != Half || salt.Length != Half) throw new ArgumentException("A setup seed and its salt are 32 bytes each.", nameof(seed));
        using var value = Native.SecretHandle.Allocate(2 * Half);
        seed.CopyTo(value.Span);
        salt.CopyTo(value.Span[Half..]);
        return ChannelSeal.SealBytes(ChannelSeal.Kind.SetupSeed, from, to, null, value.Span, peerSetupKey, context).Payload;
    }

    /// <summary>(seed, salt) from <paramref name="from"/>, or null when it does not open under this key and context.</summary>
    public static (byte[] Seed, byte[] Salt)? Open(byte[] payload, ParticipantId from, ChannelKeyPair ownSetupKeys, SealContext context)
    {
        var opened = ChannelSeal.OpenBytes(ChannelSeal.Kind.SetupSeed, new SealedSecret(payload), ownSetupKeys, context);
        if (!opened.TryGet(out var o, out _)) return null;
        using (o.Value)
            return o.Sender != from || o.Subject is not null ? null : (o.Value.Span[..Half].ToArray(), o.Value.Span[Half..].ToArray());
    }
}
