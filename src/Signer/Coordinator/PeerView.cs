namespace CcTsa.Signer.Coordinator;

/// <summary>
/// What a coordinator knows about one peer when it picks signers: attested (fresh report verified),
/// clock healthy (not excluded by TriHaRd), reachable (not dropped, not timed out since it last
/// answered) and how many nonce commitments it has reserved for this coordinator.
/// </summary>
public sealed record PeerView(NodeId Node, bool Attested, bool ClockHealthy, bool Reachable, int ReservedCommitments);
