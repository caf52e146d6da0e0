namespace CcTsa.Signer.Messaging;

/// <summary>
/// Consume-context payload: the message's signature verified under its claimed sender's attested
/// key. Only bootstrap kinds (<see cref="KeyTrust.Bootstrap"/>) can reach a consumer without it.
/// </summary>
internal sealed class AuthenticatedSender
{
    public static readonly AuthenticatedSender Instance = new();

    private AuthenticatedSender() { }
}
