namespace CcTsa.Signer.Schemes;

/// <summary>
/// Why a participant releases no share. StaleCommitments: only the coordinator's stock of this
/// node's precomputed material was out of date (unknown or spent), so the coordinator should
/// restock rather than exclude this node. Late: a genTime older than this node's clock allows (the
/// round spent too long in transit or in a queue): the coordinator should stamp again, not drop it.
/// </summary>
internal sealed record ShareRefusal(string Reason, bool StaleCommitments = false, bool Late = false);
