using System.Collections.Immutable;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// What a verifier demands of a report beyond a valid chain and signature. Defaults are the
/// production stance: debug and migration agent forbidden, simulated root refused.
/// <see cref="AllowedMeasurements"/> null means "not pinned", which only the inspecting CLI uses;
/// signers always pin (DESIGN invariant 6).
/// </summary>
public sealed record AttestationPolicy
{
    public IReadOnlySet<Measurement>? AllowedMeasurements { get; init; }
    public TcbParts? MinimumTcb { get; init; }
    public bool AllowDebug { get; init; }
    public bool AllowMigrationAgent { get; init; }
    /// <summary>Accept a guest launched with SMT allowed (the usual cloud setting; forbid it to rule out sibling-thread side channels).</summary>
    public bool AllowSmt { get; init; } = true;
    /// <summary>Demand VMPL 0: only the guest kernel itself, not a lower-privileged layer, may have requested the report.</summary>
    public bool RequireVmpl0 { get; init; } = true;
    /// <summary>Accept a chain rooted in a simulated AMD root (dev/test only; production refuses it).</summary>
    public bool AllowSimulatedRoot { get; init; }
    /// <summary>The REPORT_DATA the report must carry (see <see cref="ReportDataBinding"/>); null = not checked.</summary>
    public ImmutableArray<byte>? ExpectedReportData { get; init; }

    /// <summary>Production: pinned measurements, minimum TCB, fresh binding, real AMD roots only.</summary>
    public static AttestationPolicy Production(IEnumerable<Measurement> allowed, TcbParts minimumTcb, ReadOnlySpan<byte> expectedReportData) =>
        new()
        {
            AllowedMeasurements = allowed.ToImmutableHashSet(),
            MinimumTcb = minimumTcb,
            ExpectedReportData = expectedReportData.ToImmutableArray(),
        };
}
