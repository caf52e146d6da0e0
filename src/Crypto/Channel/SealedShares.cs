namespace CcTsa.Crypto.Channel;

/// <summary>
/// The payload of one ceremony delivery that carries a participant's shares for both keys of an
/// epoch: the Ed25519 (FROST) seal, then, when the ceremony makes a threshold-ECDSA key too, the
/// P-384 seal. Both are sealed to the same ceremony key under the same context and the carrying
/// message's node signature covers both, so a complaint can prove either half.
/// </summary>
public static class SealedShares
{
    /// <summary>frost ‖ p384 (p384 absent: the FROST seal alone, the format before threshold ECDSA).</summary>
    public static byte[] Join(byte[] frost, byte[]? p384)
    {
        ArgumentNullException.ThrowIfNull(frost);
        return p384 is null ? frost : [.. frost, .. p384];
    }

    /// <summary>Splits <see cref="Join"/>'s output; null when the length fits neither form.</summary>
    public static (byte[] Frost, byte[]? P384)? Split(byte[]? payload)
    {
        if (payload is null) return null;
        var frost = ChannelSeal.PayloadSize;
        if (payload.Length == frost) return (payload, null);
        if (payload.Length != frost + ChannelSeal.PayloadSizeOf(ChannelSeal.Kind.DkgShareP384)) return null;
        return (payload[..frost], payload[frost..]);
    }
}
