namespace CcTsa.Scenarios.Harness;

/// <summary>
/// Short failure-detection settings so the whole matrix runs in minutes: signers announce every
/// second, the control plane declares a silent node lost after five. Passed as environment
/// variables (an unknown variable is harmless, an unknown CLI flag would abort the process), and
/// the deadlines the scenarios wait with. Waiting is bounded polling, never a timed assertion.
/// </summary>
public static class ScenarioTimings
{
    /// <summary>Time to first Healthy (process start, attestation, DKG, certificate).</summary>
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    /// <summary>Bound for any single expected transition (detection, ceremony, rejoin).</summary>
    public static readonly TimeSpan Transition = TimeSpan.FromSeconds(60);

    public static IReadOnlyDictionary<string, string> ControlPlaneEnvironment { get; } = new Dictionary<string, string>
    {
        ["CCTSA_HEARTBEAT_TIMEOUT_MS"] = "5000",
        ["CCTSA_CEREMONY_TIMEOUT_MS"] = "20000",
        ["CCTSA_ANNOUNCE_INTERVAL_MS"] = "1000",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft"] = "Warning",
        ["Logging__LogLevel__MassTransit"] = "Warning",
    };

    /// <summary>No timing overrides (production defaults: signers announce every 10 s, a node is lost after 25 s); logging only.</summary>
    public static IReadOnlyDictionary<string, string> ProductionEnvironment { get; } = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft"] = "Warning",
        ["Logging__LogLevel__MassTransit"] = "Warning",
    };

    public static IReadOnlyDictionary<string, string> SignerEnvironment { get; } = new Dictionary<string, string>
    {
        ["CCTSA_ANNOUNCE_INTERVAL_MS"] = "1000",
        ["CCTSA_PROBE_INTERVAL_MS"] = "500",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Microsoft"] = "Warning",
        ["Logging__LogLevel__MassTransit"] = "Warning",
    };
}
