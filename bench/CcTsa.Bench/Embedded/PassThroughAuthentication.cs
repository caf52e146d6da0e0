using CcTsa.Signer.Messaging;
using MassTransit;

namespace CcTsa.Bench.Embedded;

/// <summary>
/// The "without" side of <see cref="AuthenticationCostBench"/>: signs nothing and accepts every
/// message, so a fleet runs exactly as before issue 13. It exists only in this bench assembly
/// (through the internal <c>SignerNodeOptions.AuthenticationForBench</c> seam); no production
/// option can install it.
/// </summary>
internal sealed class PassThroughAuthentication : IMessageAuthentication
{
    public void Sign(SendContext context, object message, string recipient)
    {
    }

    public MessageAuthenticator.Verdict Check(ProtocolKind kind, object message, Headers headers) => MessageAuthenticator.Verdict.Accepted;
}
