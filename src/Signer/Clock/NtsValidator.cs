using CcTsa.Crypto.Clock;

namespace CcTsa.Signer.Clock;

/// <summary>
/// Cross-validates the SecureTSC clock against simulated NTS servers: one exchange per server,
/// then majority selection (<see cref="NtsSelection"/>). The reference TimeProvider is the
/// simulation's "true" time, which the servers' clocks are offset from.
/// </summary>
public sealed class NtsValidator(IReadOnlyList<SimulatedNtsServer> servers, TimeProvider reference)
{
    public IReadOnlyList<SimulatedNtsServer> Servers { get; } = servers;

    public NtsSelectionResult Validate(SecureTscClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = reference.GetUtcNow();
        var clientError = clock.Now() - now;
        return NtsSelection.Select([.. Servers.Select(s => s.Exchange(now, clientError))]);
    }
}
