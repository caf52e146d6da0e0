namespace CcTsa.Crypto.Dkls23;

/// <summary>Why a DKLs23 step refused its input. Cases that blame a peer carry culprits in <see cref="Dkls23Error"/>.</summary>
public enum Dkls23Failure
{
    /// <summary>Bytes do not parse: wrong length or count, scalar ≥ n, point off-curve or identity.</summary>
    MalformedMessage,
    /// <summary>A message for another session, pair or recipient (checked before any OT data is touched: P2).</summary>
    WrongSession,
    /// <summary>Fewer than t signers, duplicates, unknown or zero identifiers.</summary>
    InvalidSignerSet,
    /// <summary>t and n are not 2 ≤ t ≤ n.</summary>
    InvalidThreshold,
    /// <summary>DKG: proof of knowledge of the constant term fails. Culprit named.</summary>
    InvalidProofOfKnowledge,
    /// <summary>DKG: a commitment vector has the wrong length. Culprit named.</summary>
    InvalidCommitment,
    /// <summary>DKG: a secret share fails the Feldman check (complaint). Culprit named.</summary>
    InvalidSecretShare,
    /// <summary>OT extension consistency check failed (§5.3): Bob deviated. Culprit must be banned (P1).</summary>
    OtExtensionCheckFailed,
    /// <summary>
    /// Signing R2: a peer's pair tag differs from ours — the two sides hold pair states of different
    /// setups (a lost setup message), found before any OT row is used. No culprit: the peers are in
    /// <see cref="Dkls23Error.Unpaired"/>, and the pair is set up afresh.
    /// </summary>
    PairMismatch,
    /// <summary>RVOLE μ check failed (Protocol 5.2): Alice deviated. Culprit must be banned.</summary>
    MultiplicationCheckFailed,
    /// <summary>Signing R3 (C1): a decommitment does not open the R1 commitment. Culprit named.</summary>
    CommitmentMismatch,
    /// <summary>Signing R3 (C0/P9): a peer saw different R1 commitments (equivocation or lost message).</summary>
    EchoMismatch,
    /// <summary>Signing R3 (C4): Γ^u inconsistent with R_j — the peer used another r in the multiplication. Culprit named.</summary>
    NonceConsistencyFailed,
    /// <summary>Signing R3 (C5): Γ^v inconsistent with pk_j — the peer used another key share. Culprit named.</summary>
    KeyShareConsistencyFailed,
    /// <summary>Signing R3 (C6): Σ pk_j ≠ PK or R = ∞; no culprit can be named (zero shares hide pk_j).</summary>
    PublicKeyMismatch,
    /// <summary>Combine: the parties' digests of (sigid, R, PK, m) differ.</summary>
    TranscriptMismatch,
    /// <summary>Combine: the aggregated (r, s) does not verify; no culprit.</summary>
    InvalidSignature,
    /// <summary>A session state was already consumed: a second use is refused (P7).</summary>
    SessionConsumed,
}
