namespace CcTsa.Signer.Messaging;

/// <summary>
/// Receive-context payload: the verdict on one delivery. MassTransit runs the endpoint's consume
/// filter once per consumer of the message type (DKG and repair both consume
/// CeremonySecretDelivered), so the check runs once per delivery and every consumer path reuses it;
/// checked twice, the delivery would look like its own replay.
/// </summary>
internal sealed class CheckedDelivery(MessageAuthenticator.Verdict verdict)
{
    public MessageAuthenticator.Verdict Verdict { get; } = verdict;
}
