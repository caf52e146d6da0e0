using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>
/// A sealed share as it arrived: the delivery with the sequence number and node signature its
/// sender put in the bus headers (checked by the authentication filter before it got here). Kept so
/// a complaint can carry the sender's own signed words.
/// </summary>
internal sealed record SignedDelivery(CeremonySecretDelivered Message, long Sequence, byte[] Signature);
