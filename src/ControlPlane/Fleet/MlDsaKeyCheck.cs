using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// What a ceremony that keeps the epoch (redistribution, refresh) must show of the epoch's threshold
/// ML-DSA-65 key, as its participants report it (<see cref="CeremonyTally.MlDsaKey"/>): never another
/// key — a replaced node holding shares of a key the epoch's PQ certificate does not certify would sign
/// post-quantum tokens nobody can verify — and, for a redistribution, the key itself: the replacement
/// must get its ML-DSA share re-shared from the other members of each subset too, or the fleet is
/// Healthy again while one node can never take part in a post-quantum signature. A refresh reports
/// none (it does not touch the ML-DSA shares). Pure: the key hex the log records for the epoch in,
/// the reason to abort (or null) out.
/// </summary>
public static class MlDsaKeyCheck
{
    /// <summary>Null when the reported key is acceptable; otherwise why the ceremony must be aborted.</summary>
    public static string? Refusal(CeremonyKind kind, string? epochKeyHex, byte[]? reported)
    {
        if (kind == CeremonyKind.Dkg || string.IsNullOrEmpty(epochKeyHex)) return null;
        if (reported is null)
            return kind == CeremonyKind.Redistribution
                ? "the replacement reported no threshold ML-DSA-65 key: its ML-DSA share was not re-shared"
                : null;
        return string.Equals(Convert.ToHexStringLower(reported), epochKeyHex, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the threshold ML-DSA-65 key changed during a {kind} (must stay the epoch's)";
    }
}
