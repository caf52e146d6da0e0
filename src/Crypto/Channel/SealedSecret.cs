namespace CcTsa.Crypto.Channel;

/// <summary>
/// A secret package sealed to one recipient: format version, kind, 24-byte nonce, XChaCha20-Poly1305
/// ciphertext and tag. Safe to put on the bus and to log by length; equality is by content.
/// </summary>
public sealed record SealedSecret(byte[] Payload)
{
    public bool Equals(SealedSecret? other) => other is not null && Payload.AsSpan().SequenceEqual(other.Payload);

    public override int GetHashCode() => Payload.Length;

    public override string ToString() => $"SealedSecret({Payload.Length} bytes)";
}
