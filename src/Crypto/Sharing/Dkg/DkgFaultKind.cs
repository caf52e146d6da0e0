namespace CcTsa.Crypto.Sharing.Dkg;

/// <summary>Why a generic DKG, refresh or repair step refused its input (each protocol maps it to its own error enum).</summary>
internal enum DkgFaultKind
{
    /// <summary>A package from a participant that is not (or no longer) part of this round.</summary>
    UnknownParticipant,
    /// <summary>Two packages from one participant.</summary>
    DuplicateParticipant,
    /// <summary>A commitment has the wrong number of coefficients, a bad point, or a non-zero constant in a refresh.</summary>
    InvalidCommitment,
    /// <summary>Packages missing, or fewer than t helpers.</summary>
    IncorrectNumberOfParticipants,
    /// <summary>The proof of knowledge of a constant term fails.</summary>
    InvalidProofOfKnowledge,
    /// <summary>A secret share fails the Feldman check against its dealer's commitment (a complaint).</summary>
    InvalidSecretShare,
    /// <summary>A package addressed to another participant.</summary>
    WrongRecipient,
    /// <summary>A derived share does not match its public share.</summary>
    VerifyingShareMismatch,
}
