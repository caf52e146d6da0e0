using CcTsa.Signer.Clock.Nts;

namespace CcTsa.Signer.Clock;

/// <summary>Picks a node's NTS check from its options: real servers, the simulation (explicitly), or none.</summary>
internal static class NtsChecks
{
    public static INtsCheck? For(SignerNodeOptions options, SecureTscClock clock)
    {
        if (options.SimulatedTime && options.Nts.Count > 0)
            throw new ArgumentException("A node uses either real NTS servers (--nts) or simulated time (--simulated-time), not both.", nameof(options));
        if (options.Nts.Count > 0)
            return new NtsPoller(new NtsServerSet(options.Nts, options.NtsTrust, clock.Now), options.NtsPollInterval);
        return options.SimulatedTime && options.NtsServers.Count > 0 ? new NtsValidator(options.NtsServers, options.Time) : null;
    }
}
