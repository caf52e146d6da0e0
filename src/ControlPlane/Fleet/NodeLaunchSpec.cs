using CcTsa.Crypto.Attestation;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// How the faults API asks for a node to be started: another provider than the 2/2/1 layout's
/// (null = the layout's), a simulated attestation flaw by its kebab name (null = none; the lifecycle
/// validates it), and another launch measurement (null = this build's; a software update).
/// </summary>
public sealed record NodeLaunchSpec(string? Provider = null, string? Flaw = null, Measurement? Measurement = null)
{
    public static NodeLaunchSpec Default { get; } = new();
}
