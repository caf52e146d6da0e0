namespace CcTsa.Signer.Coordinator;

/// <summary>A raw message (a CSR's CertificationRequestInfo) prepared for signing as it is: one message, no evidence.</summary>
internal sealed class RawMessage(byte[] message) : IPreparedMessages
{
    public IReadOnlyList<PreparedMessage> Messages { get; } = [new PreparedMessage(message, [])];
}
