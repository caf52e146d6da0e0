namespace CcTsa.Signer.Messaging;

/// <summary>Why a protocol message was dropped (the keys of <see cref="DroppedMessages.ForReason"/>).</summary>
public static class DropReason
{
    public const string Unsigned = "unsigned";
    public const string SenderMismatch = "signer is not the claimed sender";
    public const string WrongRecipient = "signed for another recipient";
    public const string UnknownKey = "claimed sender not attested";
    public const string BadSignature = "bad signature";
    public const string Replayed = "replayed or stale sequence";
}
