using CcTsa.Contracts.Hosting;

namespace CcTsa.ControlPlane.Tests.Architecture.Probes;

/// <summary>Negative control: shares Contracts types with Signer but no Signer type.</summary>
public sealed class UsesOnlyContracts
{
    public BusOptions Options { get; } = new(null) { EndpointPrefix = "cp" };
}
