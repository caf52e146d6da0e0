using MassTransit;

namespace CcTsa.Signer.Messaging;

/// <summary>
/// What <see cref="NodeMessenger"/> and <see cref="MessageAuthenticationFilter"/> call to sign and
/// check protocol messages. Production has one implementation, <see cref="MessageAuthenticator"/>.
/// The seam exists for the bench (CcTsa.Bench, through InternalsVisibleTo) to measure issuance
/// without authentication in the same process; it is internal, no option of `cctsa up`/`serve` or
/// `cctsa-signer` reaches it, and no implementation that skips the checks ships.
/// </summary>
internal interface IMessageAuthentication
{
    void Sign(SendContext context, object message, string recipient);

    MessageAuthenticator.Verdict Check(ProtocolKind kind, object message, Headers headers);
}
