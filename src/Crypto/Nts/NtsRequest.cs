namespace CcTsa.Crypto.Nts;

/// <summary>
/// An NTS-protected NTPv4 client request (RFC 8915 §5.7): a 48-byte client-mode header whose
/// transmit timestamp is random (it is only echoed back, so it need not reveal our clock), then
/// Unique Identifier, NTS Cookie, and NTS Authenticator sealing everything before it with the C2S key.
/// The caller keeps <see cref="UniqueId"/> and <see cref="TransmitTimestamp"/> to check the answer.
/// </summary>
public sealed record NtsRequest(byte[] Packet, byte[] UniqueId, byte[] TransmitTimestamp)
{
    public const int HeaderSize = 48;
    public const int UniqueIdSize = 32;
    public const int NonceSize = 16;

    /// <param name="random">Fills the unique id, transmit timestamp and nonce; a CSPRNG in production, fixed in tests.</param>
    public static NtsRequest Build(NtsSessionKeys keys, ReadOnlySpan<byte> cookie, Action<Span<byte>> random)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(random);
        if (cookie.IsEmpty) throw new ArgumentException("An NTS request needs a cookie.", nameof(cookie));
        var uniqueId = new byte[UniqueIdSize];
        var transmit = new byte[8];
        var nonce = new byte[NonceSize];
        random(uniqueId);
        random(transmit);
        random(nonce);

        var packet = new List<byte>(256);
        var header = new byte[HeaderSize];
        header[0] = 0x23; // LI 0, version 4, mode 3 (client)
        transmit.CopyTo(header, 40);
        packet.AddRange(header);
        NtsExtensionField.Append(packet, NtsExtensionField.UniqueIdentifier, uniqueId);
        NtsExtensionField.Append(packet, NtsExtensionField.Cookie, cookie);

        // Nothing secret travels from client to server, so the ciphertext is the bare 16-byte tag.
        var sealedTag = AesSivCmac256.Encrypt(keys.ClientToServer, [], [.. packet], nonce);
        var body = new byte[4 + nonce.Length + sealedTag.Length];
        body[1] = (byte)nonce.Length;
        body[3] = (byte)sealedTag.Length;
        nonce.CopyTo(body, 4);
        sealedTag.CopyTo(body, 4 + nonce.Length);
        NtsExtensionField.Append(packet, NtsExtensionField.Authenticator, body);
        return new NtsRequest([.. packet], uniqueId, transmit);
    }
}
