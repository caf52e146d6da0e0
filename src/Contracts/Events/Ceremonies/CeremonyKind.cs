namespace CcTsa.Contracts.Events.Ceremonies;

/// <summary>What a key ceremony does to the threshold key.</summary>
public enum CeremonyKind
{
    /// <summary>Dealerless key generation: a new group key and a new key epoch.</summary>
    Dkg,
    /// <summary>A share handed to a replacement node by ≥ t helpers; public key unchanged.</summary>
    Redistribution,
    /// <summary>Proactive refresh: same public key, old shares become useless.</summary>
    Refresh,
}
