namespace CcTsa.Signer.Schemes;

/// <summary>
/// Why a participant releases no share. StaleCommitments: only the coordinator's stock of this
/// node's precomputed material was out of date (unknown or spent), so the coordinator should
/// restock rather than exclude this node.
/// </summary>
internal sealed record ShareRefusal(string Reason, bool StaleCommitments = false);
