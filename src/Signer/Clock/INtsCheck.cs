using CcTsa.Crypto.Clock;

namespace CcTsa.Signer.Clock;

/// <summary>
/// Where <see cref="TrustedClock"/> gets its NTS verdict: real NTS servers (<see cref="Nts.NtsPoller"/>)
/// or, only with --simulated-time, the simulation (<see cref="NtsValidator"/>). Called often
/// (every health check), so it must answer without waiting on the network.
/// </summary>
public interface INtsCheck
{
    NtsSelectionResult Validate(SecureTscClock clock);
}
