using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// What a ceremony that keeps the epoch (redistribution, refresh) must show of the epoch's threshold
/// ML-DSA-65 key, as its participants report it (<see cref="CeremonyTally.MlDsaKey"/>). A
/// redistribution: the key itself — a replaced node holding shares of a key the epoch's PQ
/// certificate does not certify would sign post-quantum tokens nobody can verify, and one without
/// its ML-DSA share leaves the fleet Healthy while one node can never take part in a post-quantum
/// signature. A refresh: a new key — no norm-preserving refresh exists, so a refresh re-keys ML-DSA
/// (the participants' dealerless key generation), and a refresh that kept the old key would leave a
/// stolen node's ML-DSA shares valid. Pure: the key hex the log records for the epoch in, the reason
/// to abort (or null) out.
/// </summary>
public static class MlDsaKeyCheck
{
    /// <summary>Null when the reported key is acceptable; otherwise why the ceremony must be aborted.</summary>
    public static string? Refusal(CeremonyKind kind, string? epochKeyHex, byte[]? reported)
    {
        if (kind == CeremonyKind.Dkg || string.IsNullOrEmpty(epochKeyHex)) return null;
        var same = reported is not null && string.Equals(Convert.ToHexStringLower(reported), epochKeyHex, StringComparison.OrdinalIgnoreCase);
        if (kind == CeremonyKind.Refresh)
        {
            if (reported is null) return "the refresh reported no new threshold ML-DSA-65 key: it was not re-keyed, and stolen ML-DSA shares would stay valid";
            return same ? "the threshold ML-DSA-65 key did not change during a Refresh (a refresh must re-key it)" : null;
        }
        if (reported is null)
            return kind == CeremonyKind.Redistribution
                ? "the replacement reported no threshold ML-DSA-65 key: its ML-DSA share was not re-shared"
                : null;
        return same ? null : $"the threshold ML-DSA-65 key changed during a {kind} (must stay the epoch's)";
    }
}
