using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// What the point-to-point secret scalar packages (DKG share, repair δ, repair σ) share as public
/// types: sender, recipient, the only way out (sealed to the recipient) and wiping. Each package
/// stays its own sealed type, with its seal kind, its opening and its name in every signature; the
/// secret handling itself lives in one <see cref="SealedScalar"/>.
/// </summary>
public abstract class SealedSharePackage : IDisposable, ISharePackage
{
    private protected SealedSharePackage(SealedScalar body) => Body = body;

    private protected SealedScalar Body { get; }

    public ParticipantId Sender => Body.Sender;

    public ParticipantId Recipient => Body.Recipient;

    ReadOnlySpan<byte> ISharePackage.Secret => Body.Value.Secret;

    /// <summary>The only way this secret leaves its holder: sealed to the recipient's ceremony key, bound to <paramref name="context"/>.</summary>
    public SealedSecret SealTo(ChannelPublicKey recipientCeremonyKey, SealContext context) =>
        Body.SealTo(recipientCeremonyKey, context);

    public void Dispose()
    {
        Body.Dispose();
        GC.SuppressFinalize(this);
    }
}
