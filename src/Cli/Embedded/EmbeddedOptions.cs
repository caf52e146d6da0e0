using CcTsa.Signer.Clock.Nts;

namespace CcTsa.Cli.Embedded;

/// <summary>
/// What `cctsa up` adds to <see cref="CcTsa.ControlPlane.Hosting.HostSettings"/> for its in-process
/// fleet: where the embedded signers check their clock (`--nts`, `--nts-ca`; none = the simulated
/// NTS servers, as before) and how long persistent clock drift waits before the replace step
/// (`--clock-replace-after`; null = FleetOptions' default).
/// </summary>
public sealed record EmbeddedOptions
{
    public static readonly EmbeddedOptions Default = new();

    /// <summary>Real NTS servers every embedded signer polls; empty = simulated time.</summary>
    public IReadOnlyList<NtsServerEndpoint> Nts { get; init; } = [];

    public NtsTrust NtsTrust { get; init; } = NtsTrust.System;

    /// <summary>How often each signer asks the NTS servers (SignerNodeOptions' default when null).</summary>
    public TimeSpan? NtsPollInterval { get; init; }

    public TimeSpan? ClockDriftReplaceAfter { get; init; }
}
