namespace CcTsa.Signer.Coordinator;

/// <summary>What a purpose prepared for one signing attempt: the k messages, in order.</summary>
internal interface IPreparedMessages
{
    IReadOnlyList<PreparedMessage> Messages { get; }
}
