namespace CcTsa.ControlPlane.Fleet;

/// <summary>What <see cref="NodeMessageCheck.CheckHeartbeat"/> made of a heartbeat.</summary>
public enum HeartbeatCheck
{
    /// <summary>Signed by the node's attested key, first use of its sequence number.</summary>
    Proven,

    /// <summary>Carries no key, or another key than the attested one: first contact, handled by the fleet rules.</summary>
    Unproven,

    /// <summary>Claims the attested key but is forged or replayed: ignored, counted.</summary>
    Dropped,
}
