namespace CcTsa.Signer.Participants;

/// <summary>
/// What a presign run (<see cref="PresignSteps"/>) learns about this node's DKLs23 pairs and tells the
/// pair setup (<see cref="EcdsaSetupParticipant"/>), which redoes a pair that does not work.
/// </summary>
internal interface IPairChecks
{
    /// <summary>The OT-extension check against <paramref name="peer"/> failed although the pair tags matched (the peer is named).</summary>
    void OnPairCheckFailed(int epoch, NodeId peer);

    /// <summary>
    /// <paramref name="peer"/>'s pair tag differs from our pair's (made by setup <paramref name="setupTag"/>):
    /// the pair is redone; true when the mismatch outlasted the fresh setups an honest peer needs, so the peer is named.
    /// </summary>
    bool OnPairsDiffer(int epoch, NodeId peer, string setupTag);

    /// <summary>A run's round 2 found <paramref name="peer"/>'s tag equal to ours.</summary>
    void OnPairsMatched(int epoch, NodeId peer);
}
