using CcTsa.Crypto.Clock;

namespace CcTsa.Signer.Clock;

/// <summary>
/// Cross-validates the SecureTSC clock against simulated NTS servers: one exchange per server,
/// then majority selection (<see cref="NtsSelection"/>). The reference TimeProvider is the
/// simulation's "true" time, which the servers' clocks are offset from.
/// </summary>
public sealed class NtsValidator(IReadOnlyList<SimulatedNtsServer> servers, TimeProvider reference) : INtsCheck
{
    public IReadOnlyList<SimulatedNtsServer> Servers { get; } = servers;

    public NtsSelectionResult Validate(SecureTscClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        // Read the clock on both sides of the reference and keep the tightest of three tries, so a
        // thread preempted between two reads (a loaded host) is not mistaken for a clock error.
        var best = TimeSpan.MaxValue;
        var now = default(DateTimeOffset);
        var clientError = TimeSpan.Zero;
        for (var i = 0; i < 3; i++)
        {
            var before = clock.Now();
            var at = reference.GetUtcNow();
            var after = clock.Now();
            var gap = after - before;
            if (gap >= best) continue;
            best = gap;
            now = at;
            clientError = before + gap / 2 - at;
        }
        return NtsSelection.Select([.. Servers.Select(s => s.Exchange(now, clientError))]);
    }
}
