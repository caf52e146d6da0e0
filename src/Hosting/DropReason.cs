namespace CcTsa.Hosting;

/// <summary>
/// Why a node-signed protocol message was dropped, by a signer (CcTsa.Signer.Messaging.DroppedMessages)
/// or by the control plane (NodeMessageCheck). Short fixed tokens: they are metric labels.
/// </summary>
public static class DropReason
{
    /// <summary>No signature, sender, recipient or sequence header.</summary>
    public const string Unsigned = "unsigned";

    /// <summary>The signing header names another node than the message's sender field.</summary>
    public const string SenderMismatch = "sender_mismatch";

    /// <summary>Signed for another node's queue.</summary>
    public const string WrongRecipient = "wrong_recipient";

    /// <summary>The claimed sender has no attested message key here.</summary>
    public const string UnknownKey = "unknown_key";

    /// <summary>The signature does not verify under the claimed sender's attested key.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>The sequence number was already used, or is older than the replay window.</summary>
    public const string Replayed = "replayed";
}
