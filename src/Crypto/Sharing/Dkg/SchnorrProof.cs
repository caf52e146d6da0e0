namespace CcTsa.Crypto.Sharing.Dkg;

/// <summary>A Schnorr proof of knowledge (R, z) of a commitment's constant term; z is a canonical scalar encoding. Public.</summary>
internal sealed record SchnorrProof<TPoint>(TPoint R, byte[] Z)
    where TPoint : notnull;

/// <summary>The protocol's challenge c = H(sender, φ_0, R, context…), as a canonical scalar encoding.</summary>
internal delegate byte[] PokChallenge<TPoint>(ParticipantId sender, TPoint phi0, TPoint r)
    where TPoint : notnull;
