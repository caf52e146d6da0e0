namespace CcTsa.Crypto.Frost;

/// <summary>Why a FROST operation refused its input. Cases that blame a peer carry culprits in <see cref="FrostError"/>.</summary>
public enum FrostFailure
{
    /// <summary>Bytes do not parse: wrong length, trailing data, bad count.</summary>
    MalformedEncoding,
    /// <summary>Header names a format version we do not speak.</summary>
    UnsupportedVersion,
    /// <summary>Header names another ciphersuite.</summary>
    WrongCiphersuite,
    /// <summary>Header names another message kind.</summary>
    WrongMessageKind,
    /// <summary>A group element is non-canonical, small-order, not in the prime-order subgroup, or the identity.</summary>
    InvalidElement,
    /// <summary>A scalar is not canonical (≥ L).</summary>
    InvalidScalar,
    /// <summary>An identifier is zero or out of range.</summary>
    InvalidIdentifier,
    /// <summary>The same participant appears twice.</summary>
    DuplicateParticipant,
    /// <summary>A participant is not part of this key / round.</summary>
    UnknownParticipant,
    /// <summary>Fewer than t signers, or a count that does not match the configuration.</summary>
    IncorrectNumberOfParticipants,
    /// <summary>The signing package lacks this signer's commitments, or they differ from its nonces.</summary>
    MissingOrMismatchedCommitment,
    /// <summary>A nonce commitment was already used once: refused, never signed twice.</summary>
    NonceReused,
    /// <summary>A nonce commitment this participant never published.</summary>
    UnknownCommitment,
    /// <summary>A signature share fails verification: culprits named.</summary>
    InvalidSignatureShare,
    /// <summary>The aggregate signature does not verify.</summary>
    InvalidSignature,
    /// <summary>A DKG round-1 proof of knowledge fails: culprit named.</summary>
    InvalidProofOfKnowledge,
    /// <summary>A secret share fails the Feldman check against its sender's commitment: culprit named (complaint).</summary>
    InvalidSecretShare,
    /// <summary>A Feldman commitment has the wrong number of coefficients: culprit named.</summary>
    InvalidCommitment,
    /// <summary>A package addressed to another participant.</summary>
    WrongRecipient,
    /// <summary>A derived share does not match the public verifying share.</summary>
    VerifyingShareMismatch,
    /// <summary>t and n are not 2 ≤ t ≤ n ≤ 65535.</summary>
    InvalidThreshold,
}
