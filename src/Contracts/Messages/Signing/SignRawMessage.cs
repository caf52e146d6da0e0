namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Control plane → the chosen coordinator node: sign raw bytes with the threshold key of Epoch
/// (today only Purpose "csr": a DER CertificationRequestInfo whose subject public key must be the
/// epoch's group key — participants check that before releasing a share, so the key never signs
/// arbitrary data). Avoid: suspected nodes, as for <see cref="SignTimestampBatch"/>. Answered by
/// <see cref="RawMessageSigned"/> or <see cref="SigningFailed"/> (Round = Round). Scheme: which of
/// the epoch's threshold keys signs ("frost-ed25519" or "ecdsa-p384").
/// </summary>
public sealed record SignRawMessage(RoundId Round, KeyEpoch Epoch, string Purpose, byte[] Message, IReadOnlyList<NodeId>? Avoid = null,
    string Scheme = "frost-ed25519");
