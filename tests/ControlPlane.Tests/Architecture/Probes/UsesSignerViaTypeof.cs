using CcTsa.Signer.Hosting;

namespace CcTsa.ControlPlane.Tests.Architecture.Probes;

/// <summary>Positive control: a Signer type only as a typeof token in a field initializer.</summary>
public sealed class UsesSignerViaTypeof
{
    public Type Marker { get; } = typeof(SignerBus);
}
