namespace CcTsa.Crypto.Sharing.Dkg;

/// <summary>
/// A secret scalar one participant sends another (DKG/refresh share, repair δ or σ), as the generic
/// steps read it: who sent it to whom and its canonical encoding. Implemented explicitly by the
/// protocols' package types, so the secret span stays off their public surface.
/// </summary>
internal interface ISharePackage
{
    ParticipantId Sender { get; }

    ParticipantId Recipient { get; }

    /// <summary>The scalar's canonical encoding, in secret memory; valid while the package is alive.</summary>
    ReadOnlySpan<byte> Secret { get; }
}
