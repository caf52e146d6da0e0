namespace CcTsa.Hosting;

/// <summary>
/// Bus headers that carry a node's signature over a protocol message (see
/// CcTsa.Crypto.Messages.MessageSignatureInput). Headers, not a wrapper contract, so the message
/// types on the bus stay the same and a consumer that doesn't check them still reads the message.
/// </summary>
public static class ProtocolHeaders
{
    public const string Sender = "CcTsa-Sender";
    public const string Recipient = "CcTsa-Recipient";
    public const string Sequence = "CcTsa-Sequence";
    public const string Signature = "CcTsa-Signature";

    /// <summary>The recipient of a published message: every subscriber.</summary>
    public const string Broadcast = "*";
}
